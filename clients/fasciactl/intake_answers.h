// Intake answers as an admin types them: `--answer LINK_ID=VALUE`, VALUE
// typed by the form item's type, and the `--answers-file` of
// `screenings submit`; plus the inverse, for showing a form and answers.
//
//   boolean  true | false
//   integer  42
//   decimal  37.5
//   date     2024-03-02 (YYYY-MM-DD)
//   string   any text (text items too)
//   choice   an option's code; a repeating choice takes comma-separated codes
//            ("none", "bleeding,headache")
//
// Why the form is needed: an Answer carries a typed value, and "24" is an
// integer for one item and a string for another. The CLI checks only what it
// must to build the value (the type, and a choice's code, so the options can
// be listed); bounds, required items and enable_when are the server's,
// reported as field violations answers[<link_id>].
//
// Thread-safety: pure functions.
#ifndef FASCIA_CLIENTS_FASCIACTL_INTAKE_ANSWERS_H_
#define FASCIA_CLIENTS_FASCIACTL_INTAKE_ANSWERS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "fascia/v1/intake.pb.h"

namespace fasciactl {

// The item `link_id` of `form`, groups searched too; nullptr if none.
const fascia::v1::FormItem* FindFormItem(const fascia::v1::IntakeForm& form,
                                         const std::string& link_id);

// Every item of `form` in form order, a group followed by its items.
std::vector<const fascia::v1::FormItem*> FlattenForm(const fascia::v1::IntakeForm& form);

// "LINK_ID=VALUE" -> Answer, typed by the item (see the file comment).
// Unknown items, groups, display items and values that are not of the
// item's type are InvalidArgumentErrors naming --answer and the link_id.
absl::StatusOr<fascia::v1::Answer> ParseAnswerFlag(const fascia::v1::IntakeForm& form,
                                                   const std::string& text);

// The answers to send: those of the file (may be empty), then each --answer
// flag, which replaces the file's answer to the same item. An item given
// twice by flags is an error (a repeating choice takes "a,b").
absl::StatusOr<std::vector<fascia::v1::Answer>> MergeAnswers(
    const fascia::v1::IntakeForm& form, std::vector<fascia::v1::Answer> from_file,
    const std::vector<std::string>& flags);

// The answers of a protobuf JSON document with an "answers" list: a
// SubmitIntakeRequest, or a Screening as `screenings get -o json` prints it
// (other keys are ignored). `path` "-" is stdin. A file without answers is
// an error, so a misspelt key is not an empty intake.
absl::StatusOr<std::vector<fascia::v1::Answer>> ReadAnswersFile(const std::string& path);

// One value as typed: true, 42, 37.5, 2024-03-02, text, code.
std::string FormatAnswerValue(const fascia::v1::AnswerValue& value);
// An answer in --answer syntax: "pn.warning_signs=none" / "...=a,b".
std::string FormatAnswer(const fascia::v1::Answer& answer);

// An item's type as a word: boolean, integer, ..., "choice, repeats".
std::string FormatItemType(const fascia::v1::FormItem& item);
// What an item accepts: its option codes "none|bleeding", or a range "0..44".
std::string FormatItemAccepts(const fascia::v1::FormItem& item);
// When it is asked: "pn.pregnant = true", conditions joined with
// " and " / " or " by enable_behavior; "" when always.
std::string FormatEnableWhen(const fascia::v1::FormItem& item);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_INTAKE_ANSWERS_H_
