// The insurance-billing fields of the configuration resources and notes,
// as parts of their validation (each called from that resource's
// validate function), and their conversion to the billing domain:
//
// - StaffMember.npi, .credentials              (staff_type.cc)
// - Location.billing_npi, .tax_id              (location_type.cc)
// - Service.cpt_codes                          (service_type.cc)
// - Client.insurance                           (client_type.cc)
// - Note.diagnosis_codes                       (note_type.cc)
//
// Formats are those of domain/billing/insurance_codes.h. Every field is
// optional: a superbill lists what is missing (Superbill.missing_fields)
// rather than refusing.
#ifndef FASCIA_API_INSURANCE_SETTINGS_H_
#define FASCIA_API_INSURANCE_SETTINGS_H_

#include <string>
#include <vector>

#include "api/field_checks.h"
#include "domain/billing/cpt_units.h"
#include "domain/billing/insurance_codes.h"
#include "fascia/v1/records.pb.h"
#include "fascia/v1/resources.pb.h"

namespace fascia::api {

// Violations under "staff_member.npi", "staff_member.credentials".
void ValidateStaffInsurance(const fascia::v1::StaffMember& s, FieldViolations& v);

// Violations under "location.billing_npi", "location.tax_id".
void ValidateLocationInsurance(const fascia::v1::Location& l, FieldViolations& v);

// Violations under "service.cpt_codes[i].code" and
// "service.cpt_codes[i].techniques[j]": five-digit codes, each code once,
// at most one default (an entry without techniques), each technique once
// across the service (compared case-insensitively).
void ValidateServiceCptCodes(const fascia::v1::Service& s, FieldViolations& v);

// Violations under "client.insurance....".
void ValidateClientInsurance(const fascia::v1::Client& c, FieldViolations& v);

// ICD-10-CM codes, at most 12, no repeats; violations under `field`
// ("note.diagnosis_codes") and `field[i]`.
void CheckDiagnosisCodes(const google::protobuf::RepeatedPtrField<std::string>& codes,
                         const std::string& field, FieldViolations& v);

// UNIT_METHOD_UNSPECIFIED is TOTAL_TIME.
billing::UnitMethod ToDomainUnitMethod(fascia::v1::UnitMethod method);
std::vector<billing::CptRule> ToDomainCptRules(
    const google::protobuf::RepeatedPtrField<fascia::v1::CptCode>& codes);

}  // namespace fascia::api

#endif  // FASCIA_API_INSURANCE_SETTINGS_H_
