// Insurance identifiers and visit coding; see insurance_codes.h.
#include "domain/billing/insurance_codes.h"

#include <cstddef>

namespace fascia::billing {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsUpperAlnum(char c) { return IsDigit(c) || IsUpper(c); }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// The NPI's check digits are those of an ISO 7812 identification number
// with the US health prefix 80840.
constexpr std::string_view kNpiPrefix = "80840";

}  // namespace

char NpiCheckDigit(std::string_view first9) {
  // Luhn: from the rightmost payload digit leftwards, double every other
  // digit (starting with the rightmost), sum the digits of the results.
  std::string payload(kNpiPrefix);
  payload.append(first9);
  int sum = 0;
  bool twice = true;
  for (size_t i = payload.size(); i-- > 0; twice = !twice) {
    int d = payload[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool IsValidNpi(std::string_view npi) {
  return npi.size() == 10 && AllDigits(npi) && NpiCheckDigit(npi.substr(0, 9)) == npi[9];
}

bool IsValidEin(std::string_view ein) {
  return ein.size() == 10 && ein[2] == '-' && AllDigits(ein.substr(0, 2)) &&
         AllDigits(ein.substr(3));
}

bool IsValidCptCode(std::string_view code) { return code.size() == 5 && AllDigits(code); }

bool IsValidIcd10Cm(std::string_view code) {
  if (code.size() < 3 || !IsUpper(code[0]) || !IsDigit(code[1]) || !IsUpperAlnum(code[2])) {
    return false;
  }
  if (code.size() == 3) return true;
  if (code[3] != '.' || code.size() < 5 || code.size() > 8) return false;
  for (size_t i = 4; i < code.size(); ++i) {
    if (!IsUpperAlnum(code[i])) return false;
  }
  return true;
}

std::string DiagnosisLetter(int index) { return std::string(1, static_cast<char>('A' + index)); }

std::string TechniqueKey(std::string_view technique) {
  std::string key;
  bool pending_space = false;
  for (char c : technique) {
    if (IsSpace(c)) {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key.push_back(' ');
    pending_space = false;
    key.push_back(IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return key;
}

std::string CodeForTechnique(const std::vector<CptRule>& rules, std::string_view technique) {
  const std::string key = TechniqueKey(technique);
  const CptRule* fallback = nullptr;
  for (const CptRule& rule : rules) {
    if (rule.techniques.empty()) {
      if (fallback == nullptr) fallback = &rule;
      continue;
    }
    for (const std::string& listed : rule.techniques) {
      if (TechniqueKey(listed) == key) return rule.code;
    }
  }
  return fallback != nullptr ? fallback->code : std::string();
}

CodedVisit CodeVisit(const std::vector<CptRule>& rules,
                     const std::vector<TechniqueMinutes>& techniques, UnitMethod method) {
  CodedVisit visit;
  std::vector<TimedMinutes> timed;
  std::vector<std::vector<std::string>> names_per_code;  // parallel to first use of each code
  std::vector<std::string> codes;
  std::vector<std::string> seen_unbilled;
  auto add_once = [](std::vector<std::string>& names, std::vector<std::string>& keys,
                     const std::string& name) {
    const std::string key = TechniqueKey(name);
    for (const std::string& k : keys) {
      if (k == key) return;
    }
    keys.push_back(key);
    names.push_back(name);
  };
  std::vector<std::vector<std::string>> keys_per_code;
  for (const TechniqueMinutes& t : techniques) {
    if (t.minutes <= 0) continue;
    const std::string code = CodeForTechnique(rules, t.technique);
    if (code.empty()) {
      add_once(visit.unbilled_techniques, seen_unbilled, t.technique);
      continue;
    }
    size_t index = 0;
    while (index < codes.size() && codes[index] != code) ++index;
    if (index == codes.size()) {
      codes.push_back(code);
      names_per_code.emplace_back();
      keys_per_code.emplace_back();
    }
    add_once(names_per_code[index], keys_per_code[index], t.technique);
    timed.push_back(TimedMinutes{code, t.minutes});
  }
  // ComputeUnits lists codes in order of first appearance, as `codes` does.
  const std::vector<CodeUnits> units = ComputeUnits(timed, method);
  for (size_t i = 0; i < units.size(); ++i) {
    CodedLine line;
    line.code = units[i].code;
    line.minutes = units[i].minutes;
    line.units = units[i].units;
    line.techniques = std::move(names_per_code[i]);
    visit.total_units += line.units;
    visit.lines.push_back(std::move(line));
  }
  return visit;
}

}  // namespace fascia::billing
