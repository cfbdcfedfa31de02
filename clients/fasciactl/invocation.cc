// See invocation.h.
#include "invocation.h"

#include "absl/strings/str_cat.h"

namespace fasciactl {

Invocation::Invocation(const ResourceGroup& group, const Command& command, ParsedArgs args,
                       ConnectionSettings settings, std::unique_ptr<ApiClient> api, Format format,
                       std::ostream& out, std::ostream& err)
    : group_(group),
      command_(command),
      args_(std::move(args)),
      settings_(std::move(settings)),
      api_(std::move(api)),
      printer_(format, out),
      out_(out),
      err_(err) {}

std::string Invocation::Arg(size_t i) const {
  return i < args_.positionals().size() ? args_.positionals()[i] : "";
}

bool Invocation::Call(const std::string& method, const google::protobuf::Message& request,
                      google::protobuf::Message* response) {
  grpc::Status status = api_->Call(method, request, response);
  if (status.ok()) return true;
  exit_code_ = ReportRpcError(status, err_);
  return false;
}

int Invocation::UsageError(const std::string& message) {
  err_ << "Error: " << message << "\n"
       << "Usage: " << UsageLine(group_, command_) << "\n"
       << "Run 'fasciactl " << group_.name << " " << command_.verb << " --help' for more.\n";
  exit_code_ = kExitUsage;
  return kExitUsage;
}

bool IsFullName(const std::string& value) { return value.find('/') != std::string::npos; }

absl::StatusOr<std::string> Invocation::Organization() const {
  std::string org = args_.Get("org", settings_.organization);
  if (org.empty()) {
    return absl::InvalidArgumentError(
        "no organization: pass --org ORG, set FASCIA_ORG, or store one in the context "
        "('fasciactl config set-context NAME --org ORG')");
  }
  if (!IsFullName(org)) return "organizations/" + org;
  if (org.rfind("organizations/", 0) != 0 || LastSegment(org).empty() ||
      org.find('/', 14) != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--org \"", org, "\" is neither an id nor organizations/{org}"));
  }
  return org;
}

absl::StatusOr<std::string> Invocation::Location() const {
  std::optional<std::string> location = args_.Find("location");
  if (!location || location->empty()) {
    return absl::InvalidArgumentError(
        "--location is required (an id such as \"london\", or a name)");
  }
  return OrgChild("locations", *location);
}

absl::StatusOr<std::string> Invocation::OrgChild(const std::string& collection,
                                                 const std::string& value) const {
  if (IsFullName(value)) return value;
  absl::StatusOr<std::string> org = Organization();
  if (!org.ok()) return org.status();
  return absl::StrCat(*org, "/", collection, "/", value);
}

std::string Invocation::LocationChild(const std::string& location, const std::string& collection,
                                      const std::string& value) const {
  if (IsFullName(value)) return value;
  return absl::StrCat(location, "/", collection, "/", value);
}

}  // namespace fasciactl
