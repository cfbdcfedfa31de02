// The identifiers and codes of insurance billing, and the coding of a visit
// for a superbill: which CPT code each treatment technique is billed under,
// and how many units each code earns.
//
// Formats (as CMS and the code sets define them):
// - NPI: 10 digits whose last is a Luhn check digit computed over "80840"
//   followed by the first nine (ISO 7812 card issuer prefix of US health):
//   "1234567893" is valid, "1234567890" is not.
// - EIN (federal tax id): "NN-NNNNNNN".
// - CPT: five digits, e.g. "97124".
// - ICD-10-CM: a letter, a digit, a letter or digit, then optionally "." and
//   1-4 letters or digits, upper case: "M54.5", "M62.830", "S16.1XXA".
//
// Coding a visit:
//
//   std::vector<CptRule> rules = {{"97140", {"myofascial release"}},
//                                 {"97124", {}}};            // the default code
//   CodedVisit visit = CodeVisit(rules, {{"Myofascial release", 33},
//                                        {"effleurage", 7}},
//                                UnitMethod::kTotalTime);
//   // visit.lines: 97140 33 min 2 units, 97124 7 min 1 unit (40 min -> 3).
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_BILLING_INSURANCE_CODES_H_
#define FASCIA_DOMAIN_BILLING_INSURANCE_CODES_H_

#include <string>
#include <string_view>
#include <vector>

#include "domain/billing/cpt_units.h"

namespace fascia::billing {

// The most diagnoses a claim carries (CMS-1500 box 21, A-L), and the most a
// service line points to (box 24E).
inline constexpr int kMaxDiagnoses = 12;
inline constexpr int kMaxDiagnosisPointers = 4;

// The Luhn check digit ('0'..'9') of an NPI whose first nine digits are
// `first9`. REQUIRES: first9 is nine ASCII digits.
char NpiCheckDigit(std::string_view first9);

bool IsValidNpi(std::string_view npi);
bool IsValidEin(std::string_view ein);
bool IsValidCptCode(std::string_view code);
bool IsValidIcd10Cm(std::string_view code);

// "A" for 0 ... "L" for 11. REQUIRES: 0 <= index < kMaxDiagnoses.
std::string DiagnosisLetter(int index);

// A technique name as compared: ASCII letters lower-cased, surrounding
// whitespace dropped, inner runs of whitespace made one space.
std::string TechniqueKey(std::string_view technique);

// One CPT code of a service and the techniques it covers; no techniques
// makes it the default code, for every technique no other rule lists.
struct CptRule {
  std::string code;
  std::vector<std::string> techniques;
};

// The code `technique` is billed under by `rules` (an exact, case-
// insensitive match of TechniqueKey, else the default code), or "" when
// none. When several rules list it (validation refuses that), the first wins.
std::string CodeForTechnique(const std::vector<CptRule>& rules, std::string_view technique);

// Minutes of one technique, as a signed note records them.
struct TechniqueMinutes {
  std::string technique;
  int minutes = 0;  // >= 0; timed treatment minutes (buffers never count)
};

struct CodedLine {
  std::string code;
  int minutes = 0;  // the code's total minutes
  int units = 0;    // by the unit method; 0 when its minutes earn none
  // The techniques billed under it, as first written, without repeats
  // (compared by TechniqueKey), in note order.
  std::vector<std::string> techniques;
};

struct CodedVisit {
  // One per code, in the order the techniques first use them.
  std::vector<CodedLine> lines;
  // Techniques with minutes that no rule covers, as first written, without
  // repeats: not billed.
  std::vector<std::string> unbilled_techniques;
  int total_units = 0;
};

// Codes a visit: maps each technique with minutes > 0 to its code, sums the
// minutes per code, and computes units per code with ComputeUnits under
// `method`. Techniques with 0 minutes are ignored. REQUIRES: every minutes
// >= 0.
CodedVisit CodeVisit(const std::vector<CptRule>& rules,
                     const std::vector<TechniqueMinutes>& techniques, UnitMethod method);

}  // namespace fascia::billing

#endif  // FASCIA_DOMAIN_BILLING_INSURANCE_CODES_H_
