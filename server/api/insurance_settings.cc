// Insurance-billing fields: validation and conversion; see insurance_settings.h.
#include "api/insurance_settings.h"

#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

constexpr size_t kMaxCredentials = 64;
constexpr size_t kMaxPayerId = 20;
constexpr size_t kMaxMemberId = 30;
constexpr int kMaxCptCodes = 20;
constexpr int kMaxTechniquesPerCode = 100;

void CheckNpi(const std::string& npi, const std::string& field, FieldViolations& v) {
  if (npi.empty() || billing::IsValidNpi(npi)) return;
  v.Add(field,
        "must be an NPI: 10 digits whose last is the Luhn check digit over the prefix 80840 "
        "(e.g. 1234567893)");
}

// Identifiers printed on insurance cards: letters, digits and '-'.
void CheckCardId(const std::string& value, size_t max, const std::string& field,
                 FieldViolations& v) {
  if (!CheckText(value, max, field, v)) return;
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
      v.Add(field, "may contain only letters, digits and '-'");
      return;
    }
  }
}

// Printable text without control characters (a line of a printed form).
void CheckPrintable(const std::string& value, size_t max, const std::string& field,
                    FieldViolations& v) {
  if (!CheckText(value, max, field, v)) return;
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      v.Add(field, "must not contain control characters");
      return;
    }
  }
}

}  // namespace

void ValidateStaffInsurance(const v1::StaffMember& s, FieldViolations& v) {
  CheckNpi(s.npi(), "staff_member.npi", v);
  CheckPrintable(s.credentials(), kMaxCredentials, "staff_member.credentials", v);
}

void ValidateLocationInsurance(const v1::Location& l, FieldViolations& v) {
  CheckNpi(l.billing_npi(), "location.billing_npi", v);
  if (!l.tax_id().empty() && !billing::IsValidEin(l.tax_id())) {
    v.Add("location.tax_id", "must be an EIN written NN-NNNNNNN (e.g. 12-3456789)");
  }
}

void ValidateServiceCptCodes(const v1::Service& s, FieldViolations& v) {
  if (s.cpt_codes_size() > kMaxCptCodes) {
    v.Add("service.cpt_codes", absl::StrCat("has more than ", kMaxCptCodes, " entries"));
    return;
  }
  std::set<std::string> codes;
  std::map<std::string, int> technique_owner;  // TechniqueKey -> entry index
  int default_entry = -1;
  for (int i = 0; i < s.cpt_codes_size(); ++i) {
    const v1::CptCode& cpt = s.cpt_codes(i);
    const std::string field = absl::StrCat("service.cpt_codes[", i, "]");
    if (!billing::IsValidCptCode(cpt.code())) {
      v.Add(field + ".code", "must be a five-digit CPT code, e.g. 97124");
    } else if (!codes.insert(cpt.code()).second) {
      v.Add(field + ".code", "is listed twice: list all of its techniques in one entry");
    }
    if (cpt.techniques().empty()) {
      if (default_entry >= 0) {
        v.Add(field, absl::StrCat("is a second default code (no techniques) after "
                                  "service.cpt_codes[",
                                  default_entry, "]: a service has at most one"));
      } else {
        default_entry = i;
      }
      continue;
    }
    if (cpt.techniques_size() > kMaxTechniquesPerCode) {
      v.Add(field + ".techniques",
            absl::StrCat("has more than ", kMaxTechniquesPerCode, " entries"));
      continue;
    }
    for (int j = 0; j < cpt.techniques_size(); ++j) {
      const std::string tfield = absl::StrCat(field, ".techniques[", j, "]");
      const std::string& technique = cpt.techniques(j);
      if (!CheckRequired(technique, tfield, v)) continue;
      CheckPrintable(technique, kMaxShortText, tfield, v);
      const std::string key = billing::TechniqueKey(technique);
      if (key.empty()) {
        v.Add(tfield, "is blank");
        continue;
      }
      auto [it, added] = technique_owner.emplace(key, i);
      if (!added) {
        v.Add(tfield, absl::StrCat("is already listed under service.cpt_codes[", it->second,
                                   "]: a technique is billed under one code"));
      }
    }
  }
}

void ValidateClientInsurance(const v1::Client& c, FieldViolations& v) {
  const v1::InsuranceCoverage& ins = c.insurance();
  CheckPrintable(ins.payer_name(), kMaxShortText, "client.insurance.payer_name", v);
  CheckCardId(ins.payer_id(), kMaxPayerId, "client.insurance.payer_id", v);
  CheckCardId(ins.member_id(), kMaxMemberId, "client.insurance.member_id", v);
  CheckCardId(ins.group_number(), kMaxMemberId, "client.insurance.group_number", v);
  if (!v1::UnitMethod_IsValid(ins.unit_method())) {
    v.Add("client.insurance.unit_method", "must be TOTAL_TIME or PER_CODE (or unset)");
  }
}

void CheckDiagnosisCodes(const google::protobuf::RepeatedPtrField<std::string>& codes,
                         const std::string& field, FieldViolations& v) {
  if (codes.size() > billing::kMaxDiagnoses) {
    v.Add(field,
          absl::StrCat("has more than ", billing::kMaxDiagnoses, " codes (a claim carries A-L)"));
    return;
  }
  std::set<std::string> seen;
  for (int i = 0; i < codes.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    if (!billing::IsValidIcd10Cm(codes.Get(i))) {
      v.Add(f,
            "must be an ICD-10-CM code in upper case: a letter, a digit, a letter or digit, "
            "then optionally '.' and 1-4 letters or digits (e.g. M54.50)");
    } else if (!seen.insert(codes.Get(i)).second) {
      v.Add(f, "is listed twice");
    }
  }
}

billing::UnitMethod ToDomainUnitMethod(v1::UnitMethod method) {
  return method == v1::PER_CODE ? billing::UnitMethod::kPerCode : billing::UnitMethod::kTotalTime;
}

std::vector<billing::CptRule> ToDomainCptRules(
    const google::protobuf::RepeatedPtrField<v1::CptCode>& codes) {
  std::vector<billing::CptRule> rules;
  rules.reserve(codes.size());
  for (const v1::CptCode& c : codes) {
    rules.push_back(billing::CptRule{c.code(), {c.techniques().begin(), c.techniques().end()}});
  }
  return rules;
}

}  // namespace fascia::api
