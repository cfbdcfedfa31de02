// Rounding and splitting amounts of money so that the parts always sum to the
// whole. These are the only rounding rules in billing:
//
// 1. A share (a tax rate, a percentage) of an amount is rounded to the
//    nearest minor unit, halves away from zero: 8.875% of $0.40 = 3.55 cents
//    -> 4 cents; of -$0.40 -> -4 cents.
// 2. An amount spread over parts (an invoice discount over its lines, a bill
//    split three ways) gives each part its exact share rounded down, then
//    hands the leftover minor units one at a time to the parts with the
//    largest remainders, earlier parts first on ties (the largest remainder
//    method). $100.00 three ways -> 33.34 + 33.33 + 33.33.
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_BILLING_ALLOCATION_H_
#define FASCIA_DOMAIN_BILLING_ALLOCATION_H_

#include <cstdint>
#include <vector>

namespace fascia::billing {

// amount * numerator / denominator, rounded by rule 1 above. Exact for any
// int64 inputs (128-bit intermediate). REQUIRES: denominator > 0, and the
// result fits in int64.
int64_t RoundedShare(int64_t amount, int64_t numerator, int64_t denominator);

// Parts-per-million rates: 8.875% is 88'750 ppm.
inline constexpr int64_t kPpm = 1'000'000;
// Basis points: 50% is 5'000 bp.
inline constexpr int64_t kBasisPoints = 10'000;

// Spreads `total` over parts in proportion to `weights` by rule 2 above.
// The result has weights.size() entries summing exactly to `total`, each
// with the sign of `total` (or zero). Zero weights get zero; when every
// weight is zero the total is spread evenly. REQUIRES: !weights.empty(),
// every weight >= 0.
std::vector<int64_t> Allocate(int64_t total, const std::vector<int64_t>& weights);

// `total` in `parts` near-equal pieces by rule 2 (the first pieces get the
// extra units). REQUIRES: parts >= 1.
std::vector<int64_t> SplitEvenly(int64_t total, int parts);

}  // namespace fascia::billing

#endif  // FASCIA_DOMAIN_BILLING_ALLOCATION_H_
