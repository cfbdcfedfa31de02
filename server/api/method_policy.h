// The one table of what every public RPC needs: the permission checked
// (domain/access_policy.h) and whether each call is written to the audit log.
// The permission matrix test walks this table and every service descriptor,
// so an RPC without a row fails the suite.
#ifndef FASCIA_API_METHOD_POLICY_H_
#define FASCIA_API_METHOD_POLICY_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "domain/access_policy.h"

namespace fascia::api {

struct MethodPolicy {
  const char* method;  // "fascia.v1.LocationService/GetLocation"
  domain::Permission permission;
  // Reads of client data and every change are audited; configuration and
  // availability reads are not (they hold no personal data).
  bool audited;
};

// nullptr for a method with no row (callers must then refuse the call).
const MethodPolicy* FindMethodPolicy(absl::string_view method);
const std::vector<MethodPolicy>& AllMethodPolicies();

}  // namespace fascia::api

#endif  // FASCIA_API_METHOD_POLICY_H_
