// `fasciactl intake-forms list|get`: the intake form of each screened
// modality (organizations/{org}/intakeForms/{modality}), read-only: the
// server's general section followed by the modality plugin's questions.
// `get` also prints the questions, so an admin can see which link_ids and
// values `screenings submit --answer` takes.
#include "absl/strings/str_cat.h"
#include "commands.h"
#include "fascia/v1/intake.pb.h"
#include "intake_answers.h"
#include "resource.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

std::string WithVersion(const std::string& id, const std::string& version) {
  return version.empty() ? id : absl::StrCat(id, "@", version);
}

std::vector<Column> QuestionColumns() {
  return {
      Col<v1::FormItem>("LINK ID", [](const v1::FormItem& i) { return i.link_id(); }),
      Col<v1::FormItem>("TYPE", FormatItemType),
      Col<v1::FormItem>("REQUIRED",
                        [](const v1::FormItem& i) { return i.required() ? "yes" : ""; }),
      Col<v1::FormItem>("ACCEPTS", FormatItemAccepts),
      Col<v1::FormItem>("ASKED WHEN", FormatEnableWhen),
      Col<v1::FormItem>(
          "TEXT", [](const v1::FormItem& i) { return i.text(); }, kWide),
  };
}

void PrintQuestions(Invocation& inv, const google::protobuf::Message& m) {
  const auto& form = static_cast<const v1::IntakeForm&>(m);
  const std::vector<const v1::FormItem*> items = FlattenForm(form);
  inv.printer().PrintSection(
      "Questions (answer with --answer LINK_ID=VALUE; -o wide adds the text)",
      std::vector<const google::protobuf::Message*>(items.begin(), items.end()), QuestionColumns());
}

}  // namespace

void RegisterIntakeFormCommands(Registry& registry) {
  ResourceSpec spec;
  spec.group = "intake-forms";
  spec.aliases = {"intake-form", "forms"};
  spec.kind = "intake form";
  spec.summary = "The intake form of each screened modality (from the loaded plugins)";
  spec.details =
      "One form per modality a loaded screening plugin covers, named by the modality\n"
      "(\"prenatal\"): the general health questions (general.*) and the plugin's own.\n"
      "Read-only; submit answers with 'fasciactl screenings submit'.";
  spec.scope = Scope::kOrganization;
  spec.collection = "intakeForms";
  spec.service = "fascia.v1.IntakeService";
  spec.type = "IntakeForm";
  spec.plural = "IntakeForms";
  spec.field = "intake_form";
  spec.columns = {
      Col<v1::IntakeForm>("ID", [](const v1::IntakeForm& f) { return LastSegment(f.name()); }),
      Col<v1::IntakeForm>("TITLE", [](const v1::IntakeForm& f) { return f.title(); }),
      Col<v1::IntakeForm>("FORM",
                          [](const v1::IntakeForm& f) { return WithVersion(f.id(), f.version()); }),
      Col<v1::IntakeForm>(
          "PLUGIN",
          [](const v1::IntakeForm& f) { return WithVersion(f.plugin(), f.plugin_version()); }),
      Col<v1::IntakeForm>(
          "GENERAL VERSION", [](const v1::IntakeForm& f) { return f.general_form_version(); },
          kWide),
      Col<v1::IntakeForm>(
          "NAME", [](const v1::IntakeForm& f) { return f.name(); }, kWide),
  };
  spec.print_details = PrintQuestions;
  spec.examples = {
      {"list", {"fasciactl intake-forms list --org acme", "fasciactl intake-forms list -o json"}},
      {"get",
       {"fasciactl intake-forms get prenatal --org acme",
        "fasciactl intake-forms get organizations/acme/intakeForms/prenatal -o wide"}},
  };
  registry.Add(MakeStandardGroup(spec));
}

}  // namespace fasciactl
