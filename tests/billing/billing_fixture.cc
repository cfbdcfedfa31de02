// The billing test fixture; see billing_fixture.h.
#include "billing_fixture.h"

#include "fascia/v1/access_service.grpc.pb.h"
#include "support/postgres_test_db.h"

namespace fascia::testing {

void BillingTest::SetUp() {
  std::string url;
  if (GetParam() == storage::Engine::kPostgres) {
    FASCIA_ASSIGN_FRESH_POSTGRES_URL(url);
  }
  server_ = std::make_unique<TestServer>(GetParam(), url);
  server_->SetNow(Utc(2024, 6, 3, 12, 0));
  BuildChain(*server_);
  billing_ = v1::BillingService::NewStub(server_->NewChannel());

  grpc::ClientContext ctx;
  v1::UpdateLocationRequest req;
  *req.mutable_location() = Parse<v1::Location>(std::string("name: '") + kNy + "'" + R"(
    tax_rates { code: 'NY-STATE' display_name: 'NY State' rate_ppm: 40000 applies_to: [SERVICE, PRODUCT] }
    tax_rates { code: 'NYC' display_name: 'New York City' rate_ppm: 48750 applies_to: [SERVICE, PRODUCT, FEE] }
    cancellation_policy {
      window { seconds: 86400 }
      late_cancel_fee { percent_basis_points: 5000 }
      no_show_fee { fixed_amount { decimal_amount: '40.00' } }
    })");
  req.mutable_update_mask()->add_paths("tax_rates");
  req.mutable_update_mask()->add_paths("cancellation_policy");
  v1::Location out;
  grpc::Status status = server_->locations().UpdateLocation(&ctx, req, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(out.cancellation_policy().version(), 2);  // 1 at creation, 2 now
}

std::unique_ptr<v1::BillingService::Stub> BillingTest::BillingAs(const std::string& key) {
  return v1::BillingService::NewStub(server_->NewChannel(key));
}

std::string BillingTest::KeyFor(v1::Role role) {
  auto access = v1::AccessService::NewStub(server_->NewChannel());
  grpc::ClientContext ctx;
  v1::CreateApiKeyRequest req;
  req.set_parent(kOrg);
  req.mutable_api_key()->set_display_name("test");
  req.mutable_api_key()->set_role(role);
  if (role != v1::OWNER && role != v1::THERAPIST && role != v1::AUDITOR) {
    req.mutable_api_key()->add_locations(kNy);
  }
  if (role == v1::THERAPIST) req.mutable_api_key()->set_staff_member(kAnn);
  v1::CreateApiKeyResponse out;
  grpc::Status status = access->CreateApiKey(&ctx, req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out.key();
}

v1::Invoice BillingTest::CreateInvoice(const std::string& lines, const std::string& location) {
  grpc::ClientContext ctx;
  v1::CreateInvoiceRequest req;
  req.set_parent(location);
  *req.mutable_invoice() = Parse<v1::Invoice>(std::string("client: '") + kClient1 + "' " + lines);
  v1::Invoice out;
  grpc::Status status = billing().CreateInvoice(&ctx, req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

grpc::Status BillingTest::Pay(const std::string& invoice, int64_t amount_minor,
                              const std::string& request_id, v1::Payment* out,
                              v1::BillingService::Stub* stub) {
  grpc::ClientContext ctx;
  v1::CreatePaymentRequest req;
  req.set_parent(invoice);
  req.set_request_id(request_id);
  req.mutable_payment()->set_method(v1::Payment::CASH);
  req.mutable_payment()->mutable_amount()->set_amount_minor(amount_minor);
  v1::Payment ignored;
  return (stub ? *stub : billing()).CreatePayment(&ctx, req, out ? out : &ignored);
}

v1::Invoice BillingTest::GetInvoice(const std::string& name) {
  grpc::ClientContext ctx;
  v1::GetInvoiceRequest req;
  req.set_name(name);
  v1::Invoice out;
  grpc::Status status = billing().GetInvoice(&ctx, req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

v1::Appointment BillingTest::BookAt(absl::Time start) {
  v1::Appointment out;
  grpc::Status status = Book(*server_, kClient1, kAnn, kRoom1, start, kSwedish, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

INSTANTIATE_TEST_SUITE_P(Engines, BillingTest,
                         ::testing::Values(storage::Engine::kSqlite, storage::Engine::kPostgres),
                         [](const auto& info) { return EngineName(info.param); });

}  // namespace fascia::testing
