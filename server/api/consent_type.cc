// ResourceType for Consent (organizations/{org}/clients/{client}/consents/{id}):
// what a valid consent record holds, and the `kind = X` filter. Served by
// ClientRecordStore (client_record_crud.h) in consent_service.cc.
#include "absl/strings/str_cat.h"
#include "api/field_checks.h"
#include "api/client_record_crud.h"
#include "api/resource_types.h"
#include "fascia/v1/records.pb.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

constexpr char kConsentPattern[] = "organizations/*/clients/*/consents/*";

// A signature time a little ahead of the server's clock is a clock skew on
// the recording device, not a consent from the future.
constexpr absl::Duration kMaxSignClockSkew = absl::Minutes(5);

void ValidateConsent(const v1::Consent& c, absl::Time now, FieldViolations& v) {
  if (c.kind() == v1::CONSENT_KIND_UNSPECIFIED || !v1::ConsentKind_IsValid(c.kind())) {
    v.Add("consent.kind", "must be one of TREATMENT, PRENATAL_WAIVER, MARKETING");
  }
  if (CheckRequired(c.text_version(), "consent.text_version", v)) {
    CheckText(c.text_version(), 64, "consent.text_version", v);
  }
  if (CheckRequired(c.signer(), "consent.signer", v)) {
    CheckText(c.signer(), kMaxShortText, "consent.signer", v);
  }
  if (!c.has_sign_time()) {
    v.Add("consent.sign_time", "is required");
  } else if (CheckTimestamp(c.sign_time(), "consent.sign_time", v) &&
             ToTime(c.sign_time()) > now + kMaxSignClockSkew) {
    v.Add("consent.sign_time", "must not be in the future");
  }
  if (c.method() == v1::SIGNATURE_METHOD_UNSPECIFIED || !v1::SignatureMethod_IsValid(c.method())) {
    v.Add("consent.method", "must be one of WRITTEN, ELECTRONIC, VERBAL");
  }
}

}  // namespace

ResourceType<v1::Consent> ConsentType(Clock clock) {
  ResourceType<v1::Consent> t;
  t.kind = "consent";
  t.pattern = kConsentPattern;
  t.parent_kind = "client";
  t.parent_pattern = kClientPattern;
  t.collection = "consents";
  t.field = "consent";
  t.validate = [clock](const v1::Consent& c, FieldViolations& v) { ValidateConsent(c, clock(), v); };
  // Set by the server: who recorded it (the key), and revocation.
  t.output_only = {"recorded_by", "revoke_time", "revoke_reason"};
  t.filter_schema = {{"kind", {"="}}};
  t.matches = [](const v1::Consent& c, const FilterTerm& term) {
    return term.field == "kind" && v1::ConsentKind_Name(c.kind()) == term.value;
  };
  return t;
}

void CheckConsentFilterValue(const FilterTerm& term, FieldViolations& v) {
  v1::ConsentKind kind;
  if (term.field == "kind" &&
      (!v1::ConsentKind_Parse(term.value, &kind) || kind == v1::CONSENT_KIND_UNSPECIFIED)) {
    v.Add("filter", "kind must be one of TREATMENT, PRENATAL_WAIVER, MARKETING");
  }
}

}  // namespace fascia::api
