// The printable superbill; see superbill_html.h.
#include "api/superbill_html.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

// Printed on A4 (210 mm) and Letter (216 mm) alike: the content is at most
// 186 mm wide, inside 12 mm margins.
constexpr char kStyle[] = R"css(
@page { margin: 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9e9e9; color: #111;
       font: 10pt/1.35 "Helvetica Neue", Helvetica, Arial, sans-serif; }
.page { max-width: 186mm; margin: 8mm auto; padding: 10mm; background: #fff; }
header { display: flex; justify-content: space-between; align-items: flex-start;
         border-bottom: 0.6mm solid #111; padding-bottom: 3mm; }
h1 { font-size: 17pt; margin: 0; letter-spacing: 0.02em; }
h2 { font-size: 9.5pt; margin: 5mm 0 1.5mm; text-transform: uppercase; letter-spacing: 0.05em;
     border-bottom: 0.3mm solid #111; padding-bottom: 0.8mm; }
.provider { text-align: right; }
.grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8mm; }
dl { display: grid; grid-template-columns: 38mm 1fr; margin: 0; row-gap: 0.8mm; }
dt { color: #444; }
dd { margin: 0; font-weight: 600; }
.box { color: #666; font-size: 7.5pt; font-weight: normal; }
table { width: 100%; border-collapse: collapse; margin-top: 1mm; }
th, td { border: 0.25mm solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f0f0f0; font-size: 8.5pt; }
.num { text-align: right; white-space: nowrap; }
tfoot td { font-weight: 700; }
.dx { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1mm 4mm; }
.note { font-size: 8.5pt; color: #333; margin: 1.5mm 0 0; }
.missing { border: 0.4mm solid #a00; color: #a00; padding: 2mm 3mm; margin-top: 4mm; }
footer { margin-top: 6mm; font-size: 7.5pt; color: #666; border-top: 0.25mm solid #999;
         padding-top: 1.5mm; }
.sign { margin-top: 8mm; display: grid; grid-template-columns: 1fr 1fr; column-gap: 8mm; }
.sign div { border-top: 0.3mm solid #111; padding-top: 1mm; font-size: 8.5pt; }
@media print {
  body { background: none; }
  .page { margin: 0; padding: 0; max-width: none; }
  section, tr, .missing { break-inside: avoid; }
}
)css";

std::string E(absl::string_view s) { return EscapeHtml(s); }

// MM/DD/YYYY, as on the CMS-1500; "" for an unset date.
std::string FormatDate(const v1::Date& d) {
  if (d.year() == 0) return "";
  return absl::StrFormat("%02d/%02d/%04d", d.month(), d.day(), d.year());
}

std::string FormatMoney(const v1::Money& m) {
  return m.decimal_amount().empty() ? std::to_string(m.amount_minor()) : m.decimal_amount();
}

std::string FormatAddress(const v1::PostalAddress& a) {
  std::vector<std::string> lines;
  for (const std::string& line : a.address_lines()) lines.push_back(E(line));
  std::string city = E(a.locality());
  if (!a.administrative_area().empty()) {
    absl::StrAppend(&city, city.empty() ? "" : ", ", E(a.administrative_area()));
  }
  if (!a.postal_code().empty()) absl::StrAppend(&city, city.empty() ? "" : " ", E(a.postal_code()));
  if (!city.empty()) lines.push_back(city);
  if (!a.region_code().empty()) lines.push_back(E(a.region_code()));
  return absl::StrJoin(lines, "<br>");
}

// A definition-list row: label, CMS-1500 box, escaped value (or a blank to
// fill in by hand).
std::string Row(absl::string_view label, absl::string_view box, const std::string& escaped_value) {
  return absl::StrCat("<dt>", label,
                      box.empty() ? "" : absl::StrCat(" <span class=\"box\">", box, "</span>"),
                      "</dt><dd>", escaped_value.empty() ? "&nbsp;" : escaped_value, "</dd>\n");
}

std::string PatientName(const v1::SuperbillPatient& p) {
  if (p.family_name().empty()) return E(p.given_name());
  if (p.given_name().empty()) return E(p.family_name());
  return absl::StrCat(E(p.family_name()), ", ", E(p.given_name()));
}

std::string ProviderName(const v1::SuperbillProvider& p) {
  return p.credentials().empty() ? E(p.name())
                                 : absl::StrCat(E(p.name()), ", ", E(p.credentials()));
}

std::string Currency(const v1::Superbill& bill) { return bill.total_charge().currency_code(); }

}  // namespace

std::string EscapeHtml(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string RenderSuperbillHtml(const v1::Superbill& bill) {
  const v1::SuperbillPatient& patient = bill.patient();
  const v1::SuperbillInsurance& ins = bill.insurance();
  const v1::SuperbillProvider& billing = bill.billing_provider();
  const v1::SuperbillProvider& rendering = bill.rendering_provider();
  const std::string service_date = FormatDate(bill.date_of_service());
  std::string h;
  absl::StrAppend(&h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
                  "<title>Superbill ", PatientName(patient), " ", service_date, "</title>\n",
                  "<style>", kStyle, "</style>\n</head>\n<body>\n<main class=\"page\">\n");

  // Billing provider (boxes 25, 32, 33).
  absl::StrAppend(&h, "<header>\n<div><h1>Superbill</h1>\n",
                  "<p class=\"note\">Itemized statement of services for insurance reimbursement "
                  "(CMS-1500 items; box numbers in grey).</p></div>\n",
                  "<div class=\"provider\"><strong>", E(billing.name()), "</strong><br>",
                  FormatAddress(billing.address()), "<br>NPI <span class=\"box\">33a</span> ",
                  billing.npi().empty() ? "&mdash;" : E(billing.npi()),
                  "<br>Tax ID (EIN) <span class=\"box\">25</span> ",
                  billing.tax_id().empty() ? "&mdash;" : E(billing.tax_id()),
                  "</div>\n</header>\n");

  // Patient and insurance.
  absl::StrAppend(&h, "<div class=\"grid\">\n<section>\n<h2>Patient</h2>\n<dl>\n",
                  Row("Name", "2", PatientName(patient)),
                  Row("Date of birth", "3", FormatDate(patient.birth_date())), Row("Sex", "3", ""),
                  Row("Address", "5", FormatAddress(patient.address())),
                  Row("Phone", "5", E(patient.phone())),
                  Row("Account no.", "26", E(patient.account_number())), "</dl>\n</section>\n");
  absl::StrAppend(&h, "<section>\n<h2>Insurance</h2>\n<dl>\n",
                  Row("Payer", "", E(ins.payer_name())), Row("Payer ID", "", E(ins.payer_id())),
                  Row("Insured&#39;s ID no.", "1a", E(ins.member_id())),
                  Row("Insured&#39;s name", "4", PatientName(patient)),
                  Row("Relationship to insured", "6", E(ins.relationship())),
                  Row("Group number", "11", E(ins.group_number())), "</dl>\n</section>\n</div>\n");

  // Diagnoses (box 21).
  absl::StrAppend(
      &h, "<section>\n<h2>Diagnoses <span class=\"box\">21, ICD Ind. 0 (ICD-10-CM)</span></h2>\n");
  if (bill.diagnoses().empty()) {
    absl::StrAppend(&h, "<p class=\"note\">No diagnosis codes on the signed note.</p>\n");
  } else {
    absl::StrAppend(&h, "<div class=\"dx\">\n");
    for (const v1::SuperbillDiagnosis& d : bill.diagnoses()) {
      absl::StrAppend(&h, "<div><strong>", E(d.letter()), ".</strong> ", E(d.code()), "</div>\n");
    }
    absl::StrAppend(&h, "</div>\n");
  }
  absl::StrAppend(&h, "</section>\n");

  // Service lines (box 24) and totals (28, 29).
  absl::StrAppend(
      &h, "<section>\n<h2>Services <span class=\"box\">24</span></h2>\n<table>\n<thead><tr>",
      "<th>Date of service <span class=\"box\">24A</span></th>",
      "<th>Place <span class=\"box\">24B</span></th>",
      "<th>CPT <span class=\"box\">24D</span></th>",
      "<th>Dx pointer <span class=\"box\">24E</span></th>", "<th class=\"num\">Charges (",
      E(Currency(bill)), ") <span class=\"box\">24F</span></th>",
      "<th class=\"num\">Units <span class=\"box\">24G</span></th>",
      "<th class=\"num\">Minutes</th>",
      "<th>Rendering NPI <span class=\"box\">24J</span></th></tr></thead>\n<tbody>\n");
  for (const v1::SuperbillLine& line : bill.lines()) {
    if (line.units() <= 0) continue;
    absl::StrAppend(&h, "<tr><td>", FormatDate(line.date_of_service()), "</td><td>",
                    E(line.place_of_service()), "</td><td>", E(line.cpt_code()), "</td><td>",
                    E(absl::StrJoin(line.diagnosis_pointers(), "")), "</td><td class=\"num\">",
                    E(FormatMoney(line.charge())), "</td><td class=\"num\">", line.units(),
                    "</td><td class=\"num\">", line.minutes(), "</td><td>",
                    E(line.rendering_provider_npi()), "</td></tr>\n");
  }
  absl::StrAppend(
      &h, "</tbody>\n<tfoot>\n",
      "<tr><td colspan=\"4\">Total charge <span class=\"box\">28</span></td><td class=\"num\">",
      E(FormatMoney(bill.total_charge())), "</td><td colspan=\"3\"></td></tr>\n",
      "<tr><td colspan=\"4\">Amount paid <span class=\"box\">29</span></td><td class=\"num\">",
      E(FormatMoney(bill.amount_paid())), "</td><td colspan=\"3\"></td></tr>\n",
      "<tr><td colspan=\"4\">Balance due</td><td class=\"num\">",
      E(FormatMoney(bill.balance_due())), "</td><td colspan=\"3\"></td></tr>\n",
      "</tfoot>\n</table>\n");
  absl::StrAppend(&h, "<p class=\"note\">Place of service ", E(bill.place_of_service()),
                  " = office. Timed codes in 15-minute units, ",
                  bill.unit_method() == v1::PER_CODE
                      ? "each code rounded on its own (payer rule)."
                      : "by the CMS 8-minute rule on the total timed minutes.",
                  " Turnover time before and after the visit is never counted.</p>\n");
  std::vector<std::string> unbillable;
  for (const v1::SuperbillLine& line : bill.lines()) {
    if (line.units() <= 0) {
      unbillable.push_back(absl::StrCat(E(line.cpt_code()), " (", line.minutes(), " min)"));
    }
  }
  if (!unbillable.empty()) {
    absl::StrAppend(&h, "<p class=\"note\">Timed minutes that earn no unit under this rule: ",
                    absl::StrJoin(unbillable, ", "), ".</p>\n");
  }
  if (!bill.unbilled_techniques().empty()) {
    std::vector<std::string> names;
    for (const std::string& t : bill.unbilled_techniques()) names.push_back(E(t));
    absl::StrAppend(&h, "<p class=\"note\">Not billed (no CPT code for the technique): ",
                    absl::StrJoin(names, ", "), ".</p>\n");
  }
  absl::StrAppend(&h, "</section>\n");

  // Rendering provider (boxes 24J, 31).
  absl::StrAppend(&h,
                  "<section>\n<h2>Rendering provider <span class=\"box\">31</span></h2>\n<dl>\n",
                  Row("Name", "31", ProviderName(rendering)), Row("NPI", "24J", E(rendering.npi())),
                  Row("Service facility", "32", E(billing.name())), "</dl>\n</section>\n");

  if (!bill.missing_fields().empty()) {
    std::vector<std::string> missing;
    for (const std::string& f : bill.missing_fields()) missing.push_back(E(f));
    absl::StrAppend(&h,
                    "<div class=\"missing\"><strong>Not on file</strong> (a claim needs these; "
                    "ask the clinic): ",
                    absl::StrJoin(missing, ", "), "</div>\n");
  }

  absl::StrAppend(
      &h, "<div class=\"sign\"><div>Signature of provider <span class=\"box\">31</span></div>",
      "<div>Date</div></div>\n");
  const absl::Time created = absl::FromUnixSeconds(bill.create_time().seconds());
  absl::StrAppend(
      &h, "<footer>Appointment ", E(bill.appointment()), "<br>Note ", E(bill.note_version()),
      bill.invoice().empty() ? "" : absl::StrCat("<br>Invoice ", E(bill.invoice())),
      "<br>Prepared ", absl::FormatTime("%Y-%m-%d %H:%M UTC", created, absl::UTCTimeZone()),
      "</footer>\n</main>\n</body>\n</html>\n");
  return h;
}

}  // namespace fascia::api
