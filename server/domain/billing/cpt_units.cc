// Timed CPT billing units under the 8-minute rule; see cpt_units.h.
#include "domain/billing/cpt_units.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <numeric>

namespace fascia::billing {

namespace {

constexpr int64_t kUnitMinutes = 15;
// A partial unit counts once it reaches more than half of 15 minutes.
constexpr int64_t kMinPartialMinutes = 8;

int64_t Units(int64_t minutes) {
  if (minutes <= 0) return 0;
  return minutes / kUnitMinutes + (minutes % kUnitMinutes >= kMinPartialMinutes ? 1 : 0);
}

struct CodeTotal {
  std::string code;
  int64_t minutes = 0;  // 64 bits: many large entries of one code could pass int
};

std::vector<CodeTotal> SumByCode(const std::vector<TimedMinutes>& minutes) {
  std::vector<CodeTotal> totals;
  std::map<std::string, size_t> index_of;
  for (const TimedMinutes& m : minutes) {
    auto [it, added] = index_of.emplace(m.code, totals.size());
    if (added) totals.push_back(CodeTotal{m.code, 0});
    totals[it->second].minutes += m.minutes;
  }
  return totals;
}

int ToInt(int64_t v) { return static_cast<int>(std::min<int64_t>(v, INT_MAX)); }

}  // namespace

int UnitsForMinutes(int total_minutes) { return ToInt(Units(total_minutes)); }

std::vector<CodeUnits> ComputeUnits(const std::vector<TimedMinutes>& minutes,
                                    UnitMethod method) {
  const std::vector<CodeTotal> totals = SumByCode(minutes);
  const size_t n = totals.size();
  std::vector<int64_t> units(n, 0);
  if (method == UnitMethod::kPerCode) {
    for (size_t i = 0; i < n; ++i) units[i] = Units(totals[i].minutes);
  } else {
    int64_t all_minutes = 0;
    for (const CodeTotal& t : totals) all_minutes += t.minutes;
    // Full units never outnumber the visit's units (the sum of floors is at
    // most the floor of the sum), and the units left over are never more
    // than the codes with minutes left over, so each such code gets at most
    // one.
    int64_t left = Units(all_minutes);
    for (size_t i = 0; i < n; ++i) {
      units[i] = totals[i].minutes / kUnitMinutes;
      left -= units[i];
    }
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    // Stable: the earlier code wins a tie.
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return totals[a].minutes % kUnitMinutes > totals[b].minutes % kUnitMinutes;
    });
    for (size_t k = 0; k < n && left > 0; ++k, --left) units[order[k]] += 1;
  }
  std::vector<CodeUnits> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(CodeUnits{totals[i].code, ToInt(totals[i].minutes), ToInt(units[i])});
  }
  return out;
}

}  // namespace fascia::billing
