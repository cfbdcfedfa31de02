// Sorting, merging, subtracting and binary-search queries for half-open
// intervals.
// See interval.h for the contract.
#include "domain/interval.h"

#include <algorithm>
#include <utility>

namespace fascia {
namespace domain {

std::vector<Interval> Normalize(std::vector<Interval> intervals) {
  intervals.erase(std::remove_if(intervals.begin(), intervals.end(),
                                 [](const Interval& i) { return i.empty(); }),
                  intervals.end());
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval& a, const Interval& b) {
              return a.start < b.start;
            });
  std::vector<Interval> merged;
  merged.reserve(intervals.size());
  for (const Interval& i : intervals) {
    // `<=` merges touching intervals too, so WithinAny() sees back-to-back
    // shifts (09:00-13:00, 13:00-17:00) as one.
    if (!merged.empty() && i.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, i.end);
    } else {
      merged.push_back(i);
    }
  }
  return merged;
}

std::vector<Interval> Subtract(const std::vector<Interval>& from,
                               const std::vector<Interval>& minus) {
  std::vector<Interval> out;
  auto cut = minus.begin();
  for (Interval rest : from) {
    // Both lists are sorted: an interval of `minus` that ends before this
    // one starts cannot cut any later one either.
    while (cut != minus.end() && cut->end <= rest.start) ++cut;
    for (auto c = cut; c != minus.end() && c->start < rest.end; ++c) {
      if (rest.start < c->start) out.push_back({rest.start, c->start});
      rest.start = std::max(rest.start, c->end);
    }
    if (!rest.empty()) out.push_back(rest);
  }
  // The pieces come out sorted, and a cut or a gap of `from` lies between
  // any two: the result is normalized.
  return out;
}

bool OverlapsAny(const std::vector<Interval>& normalized, const Interval& x) {
  if (x.empty()) return false;
  // In a normalized set the ends are sorted too: find the first interval
  // that ends after x starts; only it can overlap x without an earlier one.
  auto it = std::upper_bound(
      normalized.begin(), normalized.end(), x.start,
      [](absl::Time t, const Interval& i) { return t < i.end; });
  return it != normalized.end() && it->start < x.end;
}

bool WithinAny(const std::vector<Interval>& normalized, const Interval& x) {
  // The only candidate is the last interval starting at or before x.start.
  auto it = std::upper_bound(
      normalized.begin(), normalized.end(), x.start,
      [](absl::Time t, const Interval& i) { return t < i.start; });
  if (it == normalized.begin()) return false;
  --it;
  return it->Contains(x);
}

}  // namespace domain
}  // namespace fascia
