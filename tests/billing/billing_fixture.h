// The chain of tests/api/chain_fixture.h with billing settings, a
// BillingService stub, and helpers for the billing tests. Parameterized over
// both storage engines.
//
// New York gets two tax rates: NY-STATE 4% on SERVICE and PRODUCT, and NYC
// 4.875% on SERVICE, PRODUCT and FEE; and a cancellation policy: 24 h
// window, late cancel 50% of the price, no-show a fixed $40.00. London has
// no taxes and no policy. The swedish service costs $120.00 in New York.
// The clock stands at 2024-06-03 12:00 UTC.
#ifndef FASCIA_TESTS_BILLING_BILLING_FIXTURE_H_
#define FASCIA_TESTS_BILLING_BILLING_FIXTURE_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "chain_fixture.h"
#include "fascia/v1/billing_service.grpc.pb.h"

namespace fascia::testing {

template <typename T>
T Parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

inline int64_t Minor(const v1::Money& m) { return m.amount_minor(); }

// Runs `fn(i)` for i in [0, n) on n threads released at once, and joins them.
template <typename Fn>
void RunConcurrently(int n, Fn fn) {
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < n) std::this_thread::yield();
      fn(i);
    });
  }
  for (auto& t : threads) t.join();
}

class BillingTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override;

  v1::BillingService::Stub& billing() { return *billing_; }
  // A stub whose calls carry `key`.
  std::unique_ptr<v1::BillingService::Stub> BillingAs(const std::string& key);
  // A key of `role` scoped to New York (and to ann for THERAPIST).
  std::string KeyFor(v1::Role role);

  // Creates a DRAFT invoice in New York for client c1 with `lines` (text format).
  v1::Invoice CreateInvoice(const std::string& lines, const std::string& location = kNy);
  grpc::Status Pay(const std::string& invoice, int64_t amount_minor, const std::string& request_id,
                   v1::Payment* out = nullptr, v1::BillingService::Stub* stub = nullptr);
  v1::Invoice GetInvoice(const std::string& name);
  // Books swedish for c1 with ann in r1 at `start`.
  v1::Appointment BookAt(absl::Time start);

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::BillingService::Stub> billing_;
};

}  // namespace fascia::testing

#endif  // FASCIA_TESTS_BILLING_BILLING_FIXTURE_H_
