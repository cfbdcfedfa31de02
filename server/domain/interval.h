// Half-open intervals of absolute time and queries on sorted interval sets.
//
// An Interval is [start, end): it contains `start` but not `end`, so two
// appointments that touch (one ends at 11:00, the next starts at 11:00) do
// not overlap. An interval with end <= start is empty; an empty interval
// overlaps nothing and Normalize() drops it.
//
// The set queries (OverlapsAny, WithinAny) take a *normalized* vector: sorted
// by start, pairwise disjoint and not touching, as Normalize() returns. They
// run in O(log n) by binary search, which is what keeps availability search
// fast with thousands of busy intervals.
//
//   std::vector<Interval> busy = Normalize(staff.busy);
//   if (OverlapsAny(busy, block)) return BookingConflict::kStaffBusy;
//
// Thread-safety: plain values; safe to share for reading.
#ifndef FASCIA_DOMAIN_INTERVAL_H_
#define FASCIA_DOMAIN_INTERVAL_H_

#include <vector>

#include "absl/time/time.h"

namespace fascia {
namespace domain {

struct Interval {
  absl::Time start;
  absl::Time end;

  bool empty() const { return !(start < end); }
  absl::Duration length() const {
    return empty() ? absl::ZeroDuration() : end - start;
  }
  bool Contains(absl::Time t) const { return start <= t && t < end; }
  // True if every instant of `other` is in this interval. An empty `other`
  // is contained only if its start lies in [start, end].
  bool Contains(const Interval& other) const {
    return start <= other.start && other.end <= end;
  }
  bool Overlaps(const Interval& other) const {
    return !empty() && !other.empty() && start < other.end &&
           other.start < end;
  }

  friend bool operator==(const Interval& a, const Interval& b) {
    return a.start == b.start && a.end == b.end;
  }
  friend bool operator!=(const Interval& a, const Interval& b) {
    return !(a == b);
  }
};

// Drops empty intervals, sorts by start and merges intervals that overlap or
// touch. The result covers exactly the same instants as the input.
std::vector<Interval> Normalize(std::vector<Interval> intervals);

// REQUIRES: `normalized` is the output of Normalize().
// True if `x` is non-empty and shares at least one instant with the set.
bool OverlapsAny(const std::vector<Interval>& normalized, const Interval& x);

// REQUIRES: `from` and `minus` are outputs of Normalize().
// The instants of `from` that are in no interval of `minus`, normalized.
// Half-open throughout: [9:00, 17:00) minus [12:00, 12:30) is [9:00, 12:00)
// and [12:30, 17:00).
std::vector<Interval> Subtract(const std::vector<Interval>& from,
                               const std::vector<Interval>& minus);

// REQUIRES: `normalized` is the output of Normalize().
// True if `x` lies entirely inside one interval of the set. Because the set
// is merged, this is the same as "every instant of x is covered".
bool WithinAny(const std::vector<Interval>& normalized, const Interval& x);

}  // namespace domain
}  // namespace fascia

#endif  // FASCIA_DOMAIN_INTERVAL_H_
