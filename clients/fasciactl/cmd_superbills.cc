// `fasciactl appointments superbill ID|NAME [--html]`: the superbill of a
// completed visit (BillingService.GetSuperbill), for a client to claim from
// their insurance. Prints the Superbill as protobuf JSON (-o yaml: YAML), or
// with --html the printable HTML document. See docs/billing.md "Superbills".
#include "absl/strings/str_cat.h"
#include "commands.h"
#include "connection.h"
#include "fascia/v1/billing_service.pb.h"
#include "resource.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

// Enough of the appointments' spec to turn an id into a name.
ResourceSpec AppointmentNames() {
  ResourceSpec spec;
  spec.group = "appointments";
  spec.scope = Scope::kLocation;
  spec.collection = "appointments";
  return spec;
}

int RunSuperbill(Invocation& inv) {
  absl::StatusOr<std::string> name = ResolveName(inv, AppointmentNames(), inv.Arg(0));
  if (!name.ok()) return inv.Fail(name.status());
  const bool html = inv.args().GetBool("html");
  v1::GetSuperbillRequest request;
  request.set_appointment(*name);
  request.set_view(html ? v1::GetSuperbillRequest::HTML : v1::GetSuperbillRequest::STRUCTURED);
  v1::Superbill bill;
  if (!inv.Call("fascia.v1.BillingService.GetSuperbill", request, &bill)) return inv.exit_code();
  std::string document;
  if (html) {
    document = bill.html();
  } else if (inv.format() == Format::kYaml) {
    document = ToYaml(bill);
  } else {
    document = ToJson(bill);
  }
  if (!document.empty() && document.back() != '\n') document += "\n";
  if (auto path = inv.args().Find("output-file")) {
    const std::string file = AbsolutePath(*path);
    if (absl::Status s = WritePrivateFile(file, document, "--output-file"); !s.ok())
      return inv.Fail(s);
    inv.err() << "Superbill of " << *name << " written to " << file << " (mode 0600).\n";
    return kExitOk;
  }
  inv.out() << document;
  return kExitOk;
}

}  // namespace

void AddSuperbillCommand(ResourceGroup& appointments) {
  Command c;
  c.verb = "superbill";
  c.summary = "The superbill of a completed visit (CPT units, diagnoses, NPIs) for insurance";
  c.arguments = "ID|NAME";
  c.min_args = c.max_args = 1;
  c.flags = ScopeFlags(Scope::kLocation);
  c.flags.push_back({"html", "", "print the printable HTML document instead of JSON"});
  c.flags.push_back(
      {"output-file", "FILE", "write it here (mode 0600: it holds diagnoses) instead of stdout"});
  c.details =
      "The appointment must be FULFILLED with a signed treatment note, and its service must have\n"
      "CPT codes. Prints fascia.v1.Superbill in the protobuf JSON mapping (-o yaml for YAML;\n"
      "other -o values are ignored), or with --html a self-contained page to print or save as\n"
      "PDF from a browser. Owners, managers and front desks of the location; audited.";
  c.examples = {
      "fasciactl appointments superbill ID --org demo --location london",
      "fasciactl appointments superbill ID --org demo --location london --html --output-file "
      "superbill.html",
      "fasciactl appointments superbill organizations/demo/locations/london/appointments/ID | jq "
      ".lines",
  };
  c.run = RunSuperbill;
  appointments.commands.push_back(std::move(c));
}

}  // namespace fasciactl
