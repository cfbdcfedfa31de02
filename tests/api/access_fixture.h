// A chain (chain_fixture.h) plus one API key per role, two appointments to
// act on, and a raw-call helper that sends any request by method name, for
// the access-control tests. Parameterized over both storage engines.
//
// Keys: owner (the bootstrap key), manager/front desk/integrator scoped to
// the New York location, therapist acting as ann, auditor.
// Appointments: ann's in New York, liz's in London.
#ifndef FASCIA_TESTS_API_ACCESS_FIXTURE_H_
#define FASCIA_TESTS_API_ACCESS_FIXTURE_H_

#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "chain_fixture.h"
#include "domain/access_policy.h"
#include "fascia/v1/access_service.grpc.pb.h"
#include "fascia/v1/audit_service.grpc.pb.h"

namespace fascia::testing {

class AccessTest : public ChainOnEngineTest {
 protected:
  void SetUp() override;

  // Calls `method` ("fascia.v1.ClientService/GetClient") with the request
  // parsed from protobuf text format, as the holder of `key`.
  grpc::Status CallRaw(const std::string& key, const std::string& method, const std::string& text);

  // Creates a key with the owner key; returns the token.
  std::string CreateKey(v1::Role role, const std::string& location = "",
                        const std::string& staff = "");

  v1::AuditService::Stub& audit() { return *audit_; }
  std::unique_ptr<v1::AuditService::Stub> AuditAs(const std::string& key);

  std::map<domain::Role, std::string> keys_;
  std::string ann_appointment_, liz_appointment_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
};

}  // namespace fascia::testing

#endif  // FASCIA_TESTS_API_ACCESS_FIXTURE_H_
