// The sports rules, one function per row of the table in
// shared/domain/screening.md. Each reads only answers of enabled items (the
// SDK's Answers drops the rest), so a stale answer to a disabled question
// never fires a rule. Local rules block one body region and count as CAUTION
// for the session; the host does that aggregation.
//
// Hours are answered at the screening but the rules are about the visit,
// which may be days later (fascia/visit_time.h): each timed rule reads the
// end of the possible range that is safe for it (README.md).
#include "sports_rules.h"

#include <string>

#include "fascia/visit_time.h"
#include "sports_form.h"

namespace fascia::plugins::sports {
namespace {

bool Is(const std::optional<std::string>& code, const char* expected) {
  return code.has_value() && *code == expected;
}

pb::Laterality Side(const std::optional<std::string>& code) {
  if (Is(code, "left")) return pb::LEFT;
  if (Is(code, "right")) return pb::RIGHT;
  if (Is(code, "bilateral")) return pb::BILATERAL;
  return pb::LATERALITY_UNSPECIFIED;
}

// Marks `f` local to the region named by the answers to `site` and `side`.
pb::Finding& Local(pb::Finding& f, const sdk::Answers& answers, const char* site,
                   const char* side) {
  f.set_local(true);
  f.mutable_region()->set_site(answers.Code(site).value_or(""));
  f.mutable_region()->set_laterality(Side(answers.Code(side)));
  return f;
}

// SP-1 | strain, sprain or contusion under 72 h | local CONTRAINDICATED at the
// site; after 72 h local CAUTION
std::optional<pb::Finding> Sp1(const sdk::ScreenInput& in, const RuleSettings& s) {
  const auto type = in.answers.Code(kInjuryType);
  if (!Is(type, "strain") && !Is(type, "sprain") && !Is(type, "contusion")) return std::nullopt;
  const auto hours = in.answers.Integer(kHoursSinceInjury);
  // An unknown age is treated as acute: the safer reading. Acute while the
  // injury may still be under the limit at the visit (the range's low end).
  const bool acute =
      !hours.has_value() ||
      sdk::SinceAtVisit(*hours, sdk::kSecondsPerHour, in.context).low < s.acute_injury_hours;
  pb::Finding f = acute ? sdk::MakeFinding("SP-1", pb::CONTRAINDICATED,
                                           "Acute soft-tissue injury: do not work the site")
                        : sdk::MakeFinding("SP-1", pb::CAUTION,
                                           "Soft-tissue injury past the acute phase: work the "
                                           "site gently");
  return Local(f, in.answers, kInjurySite, kInjurySide);
}

// SP-2 | suspected fracture | local CONTRAINDICATED, refer
std::optional<pb::Finding> Sp2(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!Is(in.answers.Code(kInjuryType), "suspected_fracture")) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("SP-2", pb::CONTRAINDICATED,
                                   "Suspected fracture: do not work the site; refer");
  f.set_referral(pb::ROUTINE);
  return Local(f, in.answers, kInjurySite, kInjurySide);
}

// SP-3 | head impact with symptoms | not assessed: CONTRAINDICATED (assessment
// within 24 h); diagnosed concussion under management: REQUIRES_CLEARANCE, no
// vigorous head/neck work; red flags (vertigo, double vision, worsening
// headache): CONTRAINDICATED, urgent referral
std::optional<pb::Finding> Sp3(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.IsTrue(kHeadImpact)) return std::nullopt;
  for (const auto& flag : in.answers.Codes(kHeadRedFlags)) {
    if (flag == kNone) continue;
    pb::Finding f = sdk::MakeFinding("SP-3", pb::CONTRAINDICATED,
                                     "Head impact with red flags: refer urgently");
    f.set_referral(pb::URGENT);
    return f;
  }
  if (Is(in.answers.Code(kConcussionStatus), "under_management")) {
    return sdk::MakeFinding("SP-3", pb::REQUIRES_CLEARANCE,
                            "Concussion under management: no vigorous head or neck work");
  }
  // Not assessed (or status unknown): assessment first, within 24 hours.
  pb::Finding f = sdk::MakeFinding("SP-3", pb::CONTRAINDICATED,
                                   "Head impact with symptoms, not assessed: assessment "
                                   "within 24 hours");
  f.set_referral(pb::SAME_DAY);
  return f;
}

// The hours from the visit to the start of the upcoming event, if one was
// named; negative once the event starts before the visit.
std::optional<sdk::VisitRange> HoursUntilEvent(const sdk::ScreenInput& in) {
  const auto hours = in.answers.Integer(kHoursUntilEvent);  // enabled only for "upcoming"
  if (!hours) return std::nullopt;
  return sdk::UntilAtVisit(*hours, sdk::kSecondsPerHour, in.context);
}

// SP-4 | event within the next 48 h | CAUTION: PRE_EVENT_FORMAT (10-30 min,
// brisk, no deep or trigger-point work)
// Fires while the event may be within the window at the visit (the low end)
// and may still be ahead of it (the high end); an event certainly under way
// or over by the visit is SP-5's.
std::optional<pb::Finding> Sp4(const sdk::ScreenInput& in, const RuleSettings& s) {
  const auto until = HoursUntilEvent(in);
  if (!until || until->low > s.pre_event_hours || until->high < 0) return std::nullopt;
  pb::Finding f = sdk::MakeFinding(
      "SP-4", pb::CAUTION, "Event soon: 10-30 minutes, brisk, no deep or trigger-point work");
  sdk::AddModification(f, "PRE_EVENT_FORMAT");
  return f;
}

// SP-5 | event ended under 24 h ago | CAUTION: FLUSH_ONLY
// A recent event counts while it may still be under the limit at the visit
// (the low end). An upcoming event that may start before the visit counts
// too, however long before: the form asks when it starts, not how long it
// lasts, so nothing shows it ended early enough.
std::optional<pb::Finding> Sp5(const sdk::ScreenInput& in, const RuleSettings& s) {
  const auto since = in.answers.Integer(kHoursSinceEvent);  // enabled only for "recent"
  const bool recent =
      since && sdk::SinceAtVisit(*since, sdk::kSecondsPerHour, in.context).low < s.post_event_hours;
  const auto until = HoursUntilEvent(in);
  const bool before_visit = until && until->low < 0;
  if (!recent && !before_visit) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("SP-5", pb::CAUTION,
                                   recent ? "Event just ended: flush only"
                                          : "Event before the visit: flush only");
  sdk::AddModification(f, "FLUSH_ONLY");
  return f;
}

// SP-6 | open, burned or healing wound | local CONTRAINDICATED
std::optional<pb::Finding> Sp6(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.IsTrue(kWound)) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("SP-6", pb::CONTRAINDICATED,
                                   "Open, burned or healing wound: do not work the site");
  return Local(f, in.answers, kWoundSite, kWoundSide);
}

// SP-7 | local inflammation | local CAUTION; systemic with fever: CONTRAINDICATED
std::optional<pb::Finding> Sp7(const sdk::ScreenInput& in, const RuleSettings&) {
  const auto kind = in.answers.Code(kInflammation);
  if (Is(kind, "systemic_with_fever")) {
    pb::Finding f = sdk::MakeFinding("SP-7", pb::CONTRAINDICATED,
                                     "Systemic inflammation with fever: do not treat");
    f.set_referral(pb::ROUTINE);
    return f;
  }
  if (!Is(kind, "local")) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("SP-7", pb::CAUTION, "Local inflammation: work around it");
  return Local(f, in.answers, kInflammationSite, kInflammationSide);
}

// SP-8 | anticoagulant or antiplatelet | CAUTION: MAX_PRESSURE(medium),
// NO_PERCUSSION (no cupping, no instrument-assisted work); bleeding disorder,
// low platelets or recent bleed: REQUIRES_CLEARANCE
// The pressure limits stay on the REQUIRES_CLEARANCE finding too: a clearance
// permits treatment, it does not make deep work safe.
std::optional<pb::Finding> Sp8(const sdk::ScreenInput& in, const RuleSettings&) {
  bool thinner = false, high_risk = false;
  for (const auto& code : in.answers.Codes(kBleeding)) {
    if (code == "anticoagulant_or_antiplatelet") thinner = true;
    if (code == "bleeding_disorder" || code == "low_platelets" || code == "recent_bleed") {
      high_risk = true;
    }
  }
  if (!thinner && !high_risk) return std::nullopt;
  pb::Finding f =
      high_risk ? sdk::MakeFinding("SP-8", pb::REQUIRES_CLEARANCE,
                                   "Bleeding risk: no cupping or instrument-assisted work")
                : sdk::MakeFinding("SP-8", pb::CAUTION,
                                   "Blood thinner: no cupping or instrument-assisted work");
  sdk::AddModification(f, "MAX_PRESSURE", "medium");
  sdk::AddModification(f, "NO_PERCUSSION");
  return f;
}

}  // namespace

const std::vector<Rule>& Rules() {
  static const auto* rules = new std::vector<Rule>{
      {"SP-1", "Strain, sprain or contusion (acute: local contraindication)", &Sp1},
      {"SP-2", "Suspected fracture", &Sp2},
      {"SP-3", "Head impact with symptoms", &Sp3},
      {"SP-4", "Event within the pre-event window", &Sp4},
      {"SP-5", "Event just ended", &Sp5},
      {"SP-6", "Open, burned or healing wound", &Sp6},
      {"SP-7", "Inflammation", &Sp7},
      {"SP-8", "Anticoagulant, antiplatelet or bleeding risk", &Sp8},
  };
  return *rules;
}

std::vector<pb::Finding> ScreenAll(const sdk::ScreenInput& input, const RuleSettings& settings) {
  std::vector<pb::Finding> findings;
  for (const Rule& rule : Rules()) {
    if (auto f = rule.fire(input, settings)) findings.push_back(std::move(*f));
  }
  return findings;
}

}  // namespace fascia::plugins::sports
