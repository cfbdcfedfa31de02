// Terse construction of forms (plugin.proto's Form/Item/Value) for plugin
// authors and for fasciad's own general section, so every form is built the
// same way:
//
//   pb::Item weeks = Question("pn.weeks", pb::INTEGER, "Weeks pregnant?");
//   EnableWhen(weeks, "pn.pregnant", pb::EQUALS, BoolValue(true));
//   *form.add_items() = Choice("pn.signs", "Any of these today?", {{"none", "None"}}, true);
//
// Pure helpers over messages; thread-safe.
#ifndef FASCIA_PLUGIN_FORM_BUILDER_H_
#define FASCIA_PLUGIN_FORM_BUILDER_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::plugin_sdk {

namespace pb = ::fascia::plugin::v1;

// Answer options as (code, display) pairs.
using Options = std::vector<std::pair<std::string, std::string>>;

pb::Item Question(const std::string& link_id, pb::ItemType type, const std::string& text,
                  bool required = true);
pb::Item Choice(const std::string& link_id, const std::string& text, const Options& options,
                bool repeats = false, bool required = true);
// Adds one enable_when condition; returns `item` for chaining.
pb::Item& EnableWhen(pb::Item& item, const std::string& question, pb::EnableOperator op,
                     pb::Value answer);

pb::Value BoolValue(bool b);
pb::Value IntegerValue(int64_t i);
pb::Value CodeValue(const std::string& code);

}  // namespace fascia::plugin_sdk

#endif  // FASCIA_PLUGIN_FORM_BUILDER_H_
