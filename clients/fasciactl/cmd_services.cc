// `fasciactl services ...`: the treatments a chain offers, with durations,
// turnover buffers, per-location prices and requirements.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "fascia/v1/catalog_service.pb.h"
#include "resource.h"
#include "times.h"
#include "values.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

absl::Status ApplyService(Invocation& inv, v1::Service& s, FieldPaths& paths) {
  const ParsedArgs& a = inv.args();
  if (auto v = a.Find("display-name")) {
    s.set_display_name(*v);
    paths.Add("display_name");
  }
  if (auto v = a.Find("modality")) {
    s.set_modality_code(*v);
    paths.Add("modality_code");
  }
  struct DurationFlag {
    const char* flag;
    google::protobuf::Duration* (v1::Service::*field)();  // mutable_*, called only when given
    const char* path;
  };
  for (const DurationFlag& d :
       {DurationFlag{"duration", &v1::Service::mutable_duration, "duration"},
        DurationFlag{"buffer-before", &v1::Service::mutable_buffer_before, "buffer_before"},
        DurationFlag{"buffer-after", &v1::Service::mutable_buffer_after, "buffer_after"}}) {
    if (auto v = a.Find(d.flag)) {
      absl::StatusOr<absl::Duration> parsed = ParseDurationFlag(*v);
      if (!parsed.ok())
        return absl::InvalidArgumentError(
            absl::StrCat("--", d.flag, ": ", parsed.status().message()));
      *(s.*d.field)() = ToDurationProto(*parsed);
      paths.Add(d.path);
    }
  }
  if (a.Has("price")) {
    s.clear_prices();
    for (const std::string& text : a.GetAll("price")) {
      const size_t eq = text.find('=');
      if (eq == std::string::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--price \"", text, "\": use LOCATION=CURRENCY:AMOUNT, e.g. soho=GBP:70.00"));
      }
      absl::StatusOr<std::string> location = inv.OrgChild("locations", text.substr(0, eq));
      if (!location.ok()) return location.status();
      absl::StatusOr<v1::Money> money = ParseMoney(text.substr(eq + 1));
      if (!money.ok()) return money.status();
      v1::LocationPrice* price = s.add_prices();
      price->set_location(*location);
      *price->mutable_price() = *money;
    }
    paths.Add("prices");
  }
  if (a.Has("required-qualifications")) {
    s.clear_required_qualifications();
    for (const std::string& q : a.GetList("required-qualifications"))
      s.add_required_qualifications(q);
    paths.Add("required_qualifications");
  }
  if (a.Has("required-room-features")) {
    s.clear_required_room_features();
    for (const std::string& f : a.GetList("required-room-features"))
      s.add_required_room_features(f);
    paths.Add("required_room_features");
  }
  return absl::OkStatus();
}

std::string Prices(const v1::Service& s) {
  std::vector<std::string> parts;
  for (const auto& p : s.prices())
    parts.push_back(absl::StrCat(LastSegment(p.location()), " ", FormatMoney(p.price())));
  return absl::StrJoin(parts, ", ");
}

}  // namespace

void RegisterServiceCommands(Registry& registry) {
  ResourceSpec spec;
  spec.group = "services";
  spec.aliases = {"service", "svc", "treatments"};
  spec.kind = "service";
  spec.summary = "Treatments: duration, buffers, prices per location, requirements";
  spec.scope = Scope::kOrganization;
  spec.collection = "services";
  spec.service = "fascia.v1.CatalogService";
  spec.type = "Service";
  spec.plural = "Services";
  spec.field = "service";
  spec.filter_help =
      "'modality_code = \"prenatal\"' or 'prices.location = \"organizations/o/locations/l\"'";
  spec.columns = {
      Col<v1::Service>("ID", [](const v1::Service& s) { return LastSegment(s.name()); }),
      Col<v1::Service>("DISPLAY NAME", [](const v1::Service& s) { return s.display_name(); }),
      Col<v1::Service>("MODALITY", [](const v1::Service& s) { return s.modality_code(); }),
      Col<v1::Service>("DURATION",
                       [](const v1::Service& s) { return FormatDuration(s.duration()); }),
      Col<v1::Service>("BUFFERS",
                       [](const v1::Service& s) {
                         return absl::StrCat(FormatDuration(s.buffer_before()), "/",
                                             FormatDuration(s.buffer_after()));
                       }),
      Col<v1::Service>("PRICES", Prices),
      Col<v1::Service>(
          "REQUIRES",
          [](const v1::Service& s) {
            std::vector<std::string> parts(s.required_qualifications().begin(),
                                           s.required_qualifications().end());
            for (const auto& f : s.required_room_features()) parts.push_back("room:" + f);
            return absl::StrJoin(parts, ",");
          },
          kWide),
      Col<v1::Service>(
          "DELETED",
          [](const v1::Service& s) {
            return s.has_delete_time() ? FormatUtc(FromTimestamp(s.delete_time())) : "";
          },
          kWide),
      Col<v1::Service>(
          "NAME", [](const v1::Service& s) { return s.name(); }, kWide),
  };
  spec.field_flags = {
      {"display-name", "TEXT", "name shown to people"},
      {"modality", "CODE", "modality code, e.g. swedish, prenatal, lymphatic"},
      {"duration", "DURATION", "treatment length, e.g. 60m or 1h30m"},
      {"buffer-before", "DURATION", "turnover before (blocks staff and room), e.g. 10m"},
      {"buffer-after", "DURATION", "turnover after, e.g. 15m"},
      {"price", "LOC=CUR:AMOUNT",
       "price at a location in major units, e.g. soho=GBP:70.00; "
       "the service is offered where it has a price; replaces all",
       true},
      {"required-qualifications", "LIST", "qualification codes the therapist needs", true},
      {"required-room-features", "LIST", "features the room needs", true},
  };
  spec.apply = ApplyFlags<v1::Service>(ApplyService);
  spec.examples = {
      {"list",
       {"fasciactl services list --org demo",
        "fasciactl services list --org demo --filter 'modality_code = \"prenatal\"' -o wide"}},
      {"get", {"fasciactl services get swedish-60 --org demo -o yaml"}},
      {"create",
       {"fasciactl services create --org acme --id swedish-60 --display-name \"Swedish, 60 min\" "
        "--modality swedish --duration 60m --buffer-after 15m --price soho=GBP:70.00 "
        "--required-qualifications LMT"}},
      {"update",
       {"fasciactl services update swedish-60 --org acme --price soho=GBP:75.00 --price "
        "camden=GBP:72.50"}},
      {"delete", {"fasciactl services delete swedish-60 --org acme"}},
  };
  registry.Add(MakeStandardGroup(spec));
}

}  // namespace fasciactl
