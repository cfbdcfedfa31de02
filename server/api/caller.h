// The authenticated caller of one RPC, and what it did: the object that
// carries authorization and audit through a call.
//
// Handle() (handle.h) creates a Caller for every RPC after authentication and
// makes it current on the serving thread for the duration of the call. The
// use cases call Authorize() once they have validated the request and BEFORE
// they read anything, so a denied caller learns nothing about what exists.
// The audit record collects the target and client as the call proceeds;
// AuditingDatabase appends it inside the call's write transaction, and
// Handle() appends it afterwards for reads and failures.
//
// Thread-safety: one Caller per call, used by the thread serving it (the sync
// gRPC server runs a handler on one thread) and, while that thread waits for
// it, by a SQLite write transaction's function on the database's writer
// thread (AuditingDatabase), where Caller::Current() is null.
#ifndef FASCIA_API_CALLER_H_
#define FASCIA_API_CALLER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "api/audit_log.h"
#include "api/method_policy.h"
#include "domain/access_policy.h"

namespace fascia::api {

class Caller {
 public:
  Caller(domain::Principal principal, const MethodPolicy& policy, AuditRecord audit);
  ~Caller();
  Caller(const Caller&) = delete;
  Caller& operator=(const Caller&) = delete;

  // The caller current on this thread, or nullptr outside one.
  static Caller* Current();

  // The server acting on its own behalf (demo seeding, `fasciad bootstrap`):
  // always authorized, audited as `actor` in `organization`'s log.
  static std::unique_ptr<Caller> ForSystem(const std::string& organization, absl::string_view actor,
                                           absl::Time now);

  // Checks the method's permission on `target` and records `resource` (the
  // name acted on, or its parent) for the audit log. PERMISSION_DENIED with
  // reason PERMISSION_DENIED when refused.
  absl::Status Authorize(const domain::Target& target, absl::string_view resource);
  // For THERAPIST keys: the second step once an appointment's owner is known.
  absl::Status AuthorizeScheduleOwner(const std::string& staff_member);

  // The call's deadline. A write must not commit once it has passed, since
  // the client was already told the call failed. (ServerContext::IsCancelled
  // would also see an explicit cancel, but it polls the call's completion
  // queue and costs tens of microseconds: a cancel racing a write leaves its
  // outcome unknown to the client either way, as gRPC documents.)
  void set_deadline(absl::Time deadline) { deadline_ = deadline; }
  bool past_deadline() const { return absl::Now() >= deadline_; }

  // The client whose record this call touches, for the client access report.
  void SetClient(std::string client) { audit_.client = std::move(client); }
  // For a method not audited by its policy that has read `client`'s health
  // data on this call (a search that applied their screening): the call is
  // audited like one that is, naming the client.
  void AuditHealthDataRead(std::string client) {
    SetClient(std::move(client));
    health_data_read_ = true;
  }

  const domain::Principal& principal() const { return principal_; }
  const MethodPolicy& policy() const { return policy_; }
  bool authorized() const { return authorized_; }

  // Audit state, for AuditingDatabase and Handle().
  bool audited() const { return policy_.audited || health_data_read_; }
  bool audit_pending() const { return audited() && targeted_ && !audit_written_; }
  bool targeted() const { return targeted_; }
  AuditRecord AuditWithOutcome(absl::string_view outcome) const;
  void MarkAuditWritten() { audit_written_ = true; }
  bool audit_written() const { return audit_written_; }

 private:
  domain::Principal principal_;
  const MethodPolicy& policy_;
  AuditRecord audit_;
  bool authorized_ = false;
  bool targeted_ = false;
  bool audit_written_ = false;
  bool health_data_read_ = false;
  bool system_ = false;
  absl::Time deadline_ = absl::InfiniteFuture();
  Caller* previous_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_CALLER_H_
