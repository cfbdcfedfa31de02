// Billing units for timed CPT codes (97124 massage, 97140 manual therapy,
// 97112 neuromuscular re-education), in 15-minute units.
//
// kTotalTime is the CMS 8-minute rule on the *total* timed minutes of the
// visit: total units = 0 under 8 minutes, then 1 for 8-22, 2 for 23-37, 3 for
// 38-52, 4 for 53-67, and so on. Those units go first to each code's full 15
// minutes, then one at a time to the codes with the most minutes left over
// (the earlier code on a tie). 33 minutes of 97140 and 7 of 97124: 40 total
// -> 3 units -> 97140 x2, 97124 x1.
//
// kPerCode (some payers) rounds each code on its own: 8-22 minutes -> 1, ...
//
// Buffers are never treatment minutes; callers pass only the minutes a
// signed note records per technique.
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_BILLING_CPT_UNITS_H_
#define FASCIA_DOMAIN_BILLING_CPT_UNITS_H_

#include <string>
#include <vector>

namespace fascia::billing {

enum class UnitMethod { kTotalTime, kPerCode };

struct TimedMinutes {
  std::string code;  // a CPT code; codes may repeat (their minutes add up)
  int minutes = 0;   // >= 0
};

struct CodeUnits {
  std::string code;
  int minutes = 0;  // the code's total minutes
  int units = 0;
};

// Units per distinct code, in order of first appearance; codes that earn no
// unit are listed with units 0. REQUIRES: every minutes >= 0.
std::vector<CodeUnits> ComputeUnits(const std::vector<TimedMinutes>& minutes, UnitMethod method);

// Units for `total_minutes` of timed treatment under the 8-minute rule.
int UnitsForMinutes(int total_minutes);

}  // namespace fascia::billing

#endif  // FASCIA_DOMAIN_BILLING_CPT_UNITS_H_
