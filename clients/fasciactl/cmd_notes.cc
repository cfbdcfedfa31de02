// `fasciactl notes list|get|create|update|sign|amend|versions`: SOAP
// treatment notes under organizations/{org}/clients/{client}/notes. Written
// by the THERAPIST key of the staff member who gave the appointment; read by
// OWNER and the client's therapists. A draft changes with update; sign makes
// it immutable; amend writes a new signed version (reason required) and
// versions lists them all, oldest first.
//
// Flags type the structured parts in one string each:
//   --technique "effleurage:upper back:15"            (technique:region:minutes)
//   --mark "posterior:upper trapezius:left:trigger-point:6:tender"
//          (view:site:laterality:finding:intensity:note)
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "fascia/v1/note_service.pb.h"
#include "resource.h"
#include "times.h"
#include "values.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

constexpr char kService[] = "fascia.v1.NoteService";
const std::vector<std::string> kTechniqueParts = {"technique", "region", "minutes"};
const std::vector<std::string> kMarkParts = {"view",    "body_site", "laterality",
                                             "finding", "intensity", "note"};

template <typename T>
std::string Records(const google::protobuf::RepeatedPtrField<T>& items,
                    const std::vector<std::string>& parts) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(FormatColonRecord(item, parts));
  return absl::StrJoin(out, "; ");
}

// The note's appointment: a full name, or an id completed with --location.
absl::StatusOr<std::string> AppointmentName(const Invocation& inv, const std::string& value) {
  if (IsFullName(value)) return value;
  if (!inv.args().Has("location")) {
    return absl::InvalidArgumentError(
        "--appointment ID needs --location (or give the appointment's full name)");
  }
  absl::StatusOr<std::string> location = inv.Location();
  if (!location.ok()) return location.status();
  return inv.LocationChild(*location, "appointments", value);
}

absl::Status ApplyNote(Invocation& inv, v1::Note& n, FieldPaths& paths) {
  const ParsedArgs& a = inv.args();
  if (auto v = a.Find("appointment")) {  // create only
    absl::StatusOr<std::string> name = AppointmentName(inv, *v);
    if (!name.ok()) return name.status();
    n.set_appointment(*name);
    paths.Add("appointment");
  }
  struct TextFlag {
    const char* flag;
    std::string* field;
    const char* path;
  };
  v1::Objective& o = *n.mutable_objective();
  for (const TextFlag& t :
       {TextFlag{"subjective", n.mutable_subjective(), "subjective"},
        TextFlag{"objective-position", o.mutable_position(), "objective.position"},
        TextFlag{"objective-observations", o.mutable_observations(), "objective.observations"},
        TextFlag{"assessment", n.mutable_assessment(), "assessment"},
        TextFlag{"plan", n.mutable_plan(), "plan"}}) {
    if (auto v = a.Find(t.flag)) {
      *t.field = *v;
      paths.Add(t.path);
    }
  }
  if (auto v = a.Find("objective-pressure")) {
    absl::StatusOr<int> p =
        ParseEnumFlag("--objective-pressure", *v, v1::PressurePreference_descriptor());
    if (!p.ok()) return p.status();
    o.set_pressure(static_cast<v1::PressurePreference>(*p));
    paths.Add("objective.pressure");
  }
  if (a.Has("technique")) {
    o.clear_techniques();
    for (const std::string& t : a.GetAll("technique")) {
      if (absl::Status s = ParseColonRecord("technique", t, kTechniqueParts, *o.add_techniques());
          !s.ok())
        return s;
    }
    paths.Add("objective.techniques");
  }
  if (a.Has("diagnosis")) {
    n.clear_diagnosis_codes();
    for (const std::string& code : a.GetList("diagnosis")) n.add_diagnosis_codes(code);
    paths.Add("diagnosis_codes");
  }
  if (a.Has("mark")) {
    n.clear_body_chart();
    for (const std::string& m : a.GetAll("mark")) {
      if (absl::Status s = ParseColonRecord("mark", m, kMarkParts, *n.add_body_chart()); !s.ok())
        return s;
    }
    paths.Add("body_chart");
  }
  if (o.ByteSizeLong() == 0) n.clear_objective();
  return absl::OkStatus();
}

ResourceSpec NoteSpec() {
  ResourceSpec spec;
  spec.group = "notes";
  spec.aliases = {"note", "soap"};
  spec.kind = "treatment note";
  spec.summary = "SOAP treatment notes: draft, sign, amend, versions";
  spec.details =
      "Notes live under a client: give --client (id or name) with a short note id, or the\n"
      "note's full name. A THERAPIST key writes notes for appointments it gave; a draft changes\n"
      "with update (its author only), sign makes it immutable (NOTE_SIGNED afterwards), amend\n"
      "writes a new signed version with a reason. OWNER keys read.";
  spec.scope = Scope::kClient;
  spec.collection = "notes";
  spec.service = kService;
  spec.type = "Note";
  spec.plural = "Notes";
  spec.field = "note";
  spec.filter_help = "'status = SIGNED'";
  spec.columns = {
      Col<v1::Note>("ID", [](const v1::Note& n) { return LastSegment(n.name()); }),
      Col<v1::Note>("CLIENT", [](const v1::Note& n) { return LastSegment(ClientOf(n.name())); }),
      Col<v1::Note>("APPOINTMENT", [](const v1::Note& n) { return LastSegment(n.appointment()); }),
      Col<v1::Note>("STATUS", [](const v1::Note& n) { return v1::NoteStatus_Name(n.status()); }),
      Col<v1::Note>("VERSION", [](const v1::Note& n) { return absl::StrCat(n.version()); }),
      Col<v1::Note>("AUTHOR", [](const v1::Note& n) { return LastSegment(n.author()); }),
      Col<v1::Note>("SIGNED",
                    [](const v1::Note& n) {
                      return n.has_sign_time() ? FormatUtc(FromTimestamp(n.sign_time())) : "";
                    }),
      Col<v1::Note>(
          "AMENDMENT REASON", [](const v1::Note& n) { return n.amendment_reason(); }, kWide),
      Col<v1::Note>(
          "SUBJECTIVE", [](const v1::Note& n) { return n.subjective(); }, kWide),
      Col<v1::Note>(
          "TECHNIQUES",
          [](const v1::Note& n) { return Records(n.objective().techniques(), kTechniqueParts); },
          kWide),
      Col<v1::Note>(
          "ASSESSMENT", [](const v1::Note& n) { return n.assessment(); }, kWide),
      Col<v1::Note>(
          "DIAGNOSES", [](const v1::Note& n) { return absl::StrJoin(n.diagnosis_codes(), ","); },
          kWide),
      Col<v1::Note>(
          "PLAN", [](const v1::Note& n) { return n.plan(); }, kWide),
      Col<v1::Note>(
          "BODY CHART", [](const v1::Note& n) { return Records(n.body_chart(), kMarkParts); },
          kWide),
      Col<v1::Note>(
          "NAME", [](const v1::Note& n) { return n.name(); }, kWide),
  };
  spec.field_flags = {
      {"subjective", "TEXT", "S: what the client reports"},
      {"objective-position", "TEXT", "O: position, e.g. prone, side-lying"},
      {"objective-pressure", "PRESSURE", "O: light, medium, firm or deep"},
      {"objective-observations", "TEXT", "O: observations"},
      {"technique", "TECHNIQUE:REGION:MINUTES",
       "O: a technique applied, e.g. \"effleurage:upper back:15\" (replaces the list)", true},
      {"assessment", "TEXT", "A: assessment"},
      {"diagnosis", "ICD10",
       "A: an ICD-10-CM diagnosis code for superbills, e.g. M54.50, most relevant first "
       "(repeatable or comma-separated; replaces the list; up to 12)",
       true},
      {"plan", "TEXT", "P: plan"},
      {"mark", "VIEW:SITE:SIDE:FINDING:INTENSITY:NOTE",
       "body-chart mark, e.g. \"posterior:upper trapezius:left:trigger-point:6:tender\"; "
       "view anterior|posterior|left-lateral|right-lateral, side left|right|bilateral|midline, "
       "finding pain|trigger-point|hypertonic|spasm|adhesion|oedema|inflammation|numbness|scar, "
       "intensity 0-10 (replaces the list)",
       true},
  };
  spec.create_flags = {
      {"appointment", "APPT",
       "the appointment treated: its full name, or an id with --location "
       "(required)"},
      {"location", "LOC", "the location of --appointment given as an id"},
  };
  spec.apply = ApplyFlags<v1::Note>(ApplyNote);
  spec.list_flags = {
      {"appointment", "APPT", "only notes of this appointment (full name, or id with --location)"},
      {"location", "LOC", "the location of --appointment given as an id"},
      {"status", "STATUS", "only draft or signed notes"},
  };
  spec.list_filter = [](Invocation& inv) -> absl::StatusOr<std::vector<std::string>> {
    std::vector<std::string> clauses;
    if (auto v = inv.args().Find("appointment")) {
      absl::StatusOr<std::string> name = AppointmentName(inv, *v);
      if (!name.ok()) return name.status();
      absl::StatusOr<std::string> clause = FilterClause("appointment", "=", *name);
      if (!clause.ok()) return clause.status();
      clauses.push_back(*clause);
    }
    if (auto v = inv.args().Find("status")) {
      absl::StatusOr<int> status = ParseEnumFlag("--status", *v, v1::NoteStatus_descriptor());
      if (!status.ok()) return status.status();
      clauses.push_back("status = " + v1::NoteStatus_Name(static_cast<v1::NoteStatus>(*status)));
    }
    return clauses;
  };
  spec.examples = {
      {"list",
       {"fasciactl notes list --org acme --client jo",
        "fasciactl notes list --org acme --client jo --status signed -o wide"}},
      {"get",
       {"fasciactl notes get ID --org acme --client jo -o yaml",
        "fasciactl notes get organizations/acme/clients/jo/notes/ID"}},
      {"create",
       {"fasciactl notes create --org acme --client jo --appointment APPT_ID --location soho "
        "--subjective \"stiff neck after desk work\" --objective-position prone "
        "--technique \"effleurage:upper back:15\" --technique \"trigger point:trapezius:10\" "
        "--mark \"posterior:upper trapezius:left:trigger-point:6:tender\" "
        "--assessment \"improving\" --diagnosis M54.2,M62.830 --plan \"weekly for 3 weeks\"",
        "fasciactl notes create --org acme --client jo --from-file note.json"}},
      {"update",
       {"fasciactl notes update ID --org acme --client jo --plan \"fortnightly\"",
        "fasciactl notes update ID --org acme --client jo --technique \"petrissage:calves:20\""}},
  };
  return spec;
}

// amend: the current version's content, with --from-file (the whole new
// content) and the flags on top, sent with the etag that was read.
int RunAmend(Invocation& inv, const ResourceSpec& spec) {
  absl::StatusOr<std::string> name = ResolveName(inv, spec, inv.Arg(0));
  if (!name.ok()) return inv.Fail(name.status());
  if (inv.args().Get("reason").empty()) {
    return inv.UsageError("--reason is required (it is kept with the new version)");
  }
  v1::GetNoteRequest get;
  get.set_name(*name);
  v1::Note current;
  if (!inv.Call(absl::StrCat(kService, ".GetNote"), get, &current)) return inv.exit_code();
  v1::AmendNoteRequest request;
  request.set_name(*name);
  request.set_reason(inv.args().Get("reason"));
  request.set_etag(inv.args().Get("etag", current.etag()));
  // With --from-file the file is the whole new content; else start from the current.
  if (!inv.args().Has("from-file")) *request.mutable_note() = current;
  FieldPaths paths;
  if (absl::Status s = BuildResource(inv, spec, *request.mutable_note(), paths); !s.ok())
    return inv.Fail(s);
  if (paths.empty()) return inv.UsageError("nothing to amend: give content flags or --from-file");
  v1::Note amended;
  if (!inv.Call(absl::StrCat(kService, ".AmendNote"), request, &amended)) return inv.exit_code();
  return PrintResult(inv, spec, amended);
}

int RunVersions(Invocation& inv, const ResourceSpec& spec) {
  absl::StatusOr<std::string> name = ResolveName(inv, spec, inv.Arg(0));
  if (!name.ok()) return inv.Fail(name.status());
  v1::ListNoteVersionsRequest request;
  request.set_name(*name);
  v1::ListNoteVersionsResponse response;
  if (!inv.Call(absl::StrCat(kService, ".ListNoteVersions"), request, &response))
    return inv.exit_code();
  inv.printer().PrintList(response, "versions", spec.columns);
  ReportListEnd(inv, response, "versions", "versions");
  return kExitOk;
}

Command NoteCommand(const ResourceSpec& spec, const std::string& verb, const std::string& summary) {
  Command c;
  c.verb = verb;
  c.summary = summary;
  c.arguments = "ID|NAME";
  c.min_args = c.max_args = 1;
  c.flags = ScopeFlags(spec.scope);
  return c;
}

}  // namespace

void RegisterNoteCommands(Registry& registry) {
  const ResourceSpec spec = NoteSpec();
  ResourceGroup group = MakeStandardGroup(spec);
  group.commands.push_back(
      NamedActionCommand(spec, "sign", "SignNote",
                         "Sign a draft (it can then change only by amendment)", ReasonFlag::kNone,
                         {"fasciactl notes sign ID --org acme --client jo",
                          "fasciactl notes sign organizations/acme/clients/jo/notes/ID"}));

  Command amend = NoteCommand(spec, "amend", "Write a new signed version of a signed note");
  amend.flags.push_back({"reason", "TEXT", "why the note is amended (required)"});
  amend.flags.push_back(
      {"etag", "ETAG", "refuse (ABORTED) if the note changed since (default: the one read)"});
  amend.flags.push_back({"from-file", "FILE",
                         "the new version's whole content as a Note in protobuf JSON; flags "
                         "override it"});
  amend.flags.insert(amend.flags.end(), spec.field_flags.begin(), spec.field_flags.end());
  amend.details =
      "The new version starts from the current one's content; the flags given replace their\n"
      "parts (--technique and --mark replace their lists), or --from-file gives the whole\n"
      "content. The amending therapist becomes the version's author.";
  amend.examples = {
      "fasciactl notes amend ID --org acme --client jo --assessment \"improving; refer to GP\" "
      "--reason \"added referral\"",
      "fasciactl notes amend ID --org acme --client jo --from-file note-v2.json --reason "
      "\"corrected techniques\""};
  amend.run = [spec](Invocation& inv) { return RunAmend(inv, spec); };
  group.commands.push_back(std::move(amend));

  Command versions = NoteCommand(spec, "versions", "Every version of a note, oldest first");
  versions.examples = {"fasciactl notes versions ID --org acme --client jo -o wide",
                       "fasciactl notes versions organizations/acme/clients/jo/notes/ID -o json"};
  versions.run = [spec](Invocation& inv) { return RunVersions(inv, spec); };
  group.commands.push_back(std::move(versions));
  registry.Add(std::move(group));
}

}  // namespace fasciactl
