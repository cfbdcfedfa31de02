// Rounded shares and largest-remainder splits of amounts; see allocation.h.
#include "domain/billing/allocation.h"

#include <algorithm>
#include <numeric>

namespace fascia::billing {

int64_t RoundedShare(int64_t amount, int64_t numerator, int64_t denominator) {
  // 128 bits: amount x numerator of two int64s always fits (|product| <=
  // 2^126), so the share is exact before the one rounding step.
  const __int128 product = static_cast<__int128>(amount) * numerator;
  __int128 quotient = product / denominator;
  const __int128 remainder = product % denominator;  // takes the sign of product
  const __int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
  if (twice >= denominator) quotient += product < 0 ? -1 : 1;
  return static_cast<int64_t>(quotient);
}

std::vector<int64_t> Allocate(int64_t total, const std::vector<int64_t>& weights) {
  __int128 weight_sum = 0;
  for (int64_t w : weights) weight_sum += w;
  if (weight_sum == 0) return SplitEvenly(total, static_cast<int>(weights.size()));

  // Work on the magnitude so that a negative total is the exact mirror of
  // the positive one (floor of the magnitude is truncation toward zero, and
  // leftovers move away from zero), which keeps every part's sign.
  const __int128 magnitude = total < 0 ? -static_cast<__int128>(total) : total;
  const size_t n = weights.size();
  std::vector<__int128> parts(n);
  std::vector<__int128> remainders(n);
  __int128 handed_out = 0;
  for (size_t i = 0; i < n; ++i) {
    const __int128 exact = magnitude * weights[i];  // < 2^127: both factors < 2^63
    parts[i] = exact / weight_sum;
    remainders[i] = exact % weight_sum;
    handed_out += parts[i];
  }
  // Fewer leftover units than parts with a non-zero remainder (the
  // remainders sum to leftover x weight_sum, each below weight_sum), so a
  // zero-weight part, whose remainder is zero, never gets one.
  __int128 leftover = magnitude - handed_out;
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (size_t k = 0; k < n && leftover > 0; ++k, --leftover) parts[order[k]] += 1;

  std::vector<int64_t> out(n);
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<int64_t>(total < 0 ? -parts[i] : parts[i]);
  }
  return out;
}

std::vector<int64_t> SplitEvenly(int64_t total, int parts) {
  if (parts < 1) return {};
  // C++ division truncates toward zero and the remainder takes total's
  // sign, so the first |remainder| pieces each take one more unit away
  // from zero, for negative totals as for positive ones.
  const int64_t base = total / parts;
  const int64_t extra = total % parts;
  const int64_t step = extra < 0 ? -1 : 1;
  const int64_t count = extra < 0 ? -extra : extra;
  std::vector<int64_t> out(static_cast<size_t>(parts), base);
  for (int64_t i = 0; i < count; ++i) out[static_cast<size_t>(i)] += step;
  return out;
}

}  // namespace fascia::billing
