// Tests for domain/appointment_status.h: every pair of states against the
// transition table in the domain notes (practice.md, Scheduling), plus the status predicates.
#include "domain/appointment_status.h"

#include <set>
#include <string>
#include <utility>

#include "gtest/gtest.h"

namespace fascia {
namespace domain {
namespace {

using S = AppointmentStatus;

constexpr S kAll[] = {S::kBooked,    S::kArrived,  S::kCheckedIn,
                      S::kFulfilled, S::kCancelled, S::kNoShow,
                      S::kEnteredInError};

const std::set<std::pair<S, S>>& LegalTransitions() {
  static const auto* legal = new std::set<std::pair<S, S>>{
      {S::kBooked, S::kArrived},       {S::kBooked, S::kCheckedIn},
      {S::kBooked, S::kCancelled},     {S::kBooked, S::kNoShow},
      {S::kArrived, S::kCheckedIn},    {S::kArrived, S::kFulfilled},
      {S::kArrived, S::kCancelled},    {S::kCheckedIn, S::kFulfilled},
      {S::kBooked, S::kEnteredInError},    {S::kArrived, S::kEnteredInError},
      {S::kCheckedIn, S::kEnteredInError}, {S::kFulfilled, S::kEnteredInError},
      {S::kCancelled, S::kEnteredInError}, {S::kNoShow, S::kEnteredInError},
  };
  return *legal;
}

TEST(AppointmentStatusTest, EveryLegalTransitionIsAllowed) {
  for (const auto& [from, to] : LegalTransitions()) {
    EXPECT_TRUE(CheckTransition(from, to).ok())
        << AppointmentStatusName(from) << " -> " << AppointmentStatusName(to);
  }
}

TEST(AppointmentStatusTest, EveryOtherPairIsRefusedNamingBothStates) {
  int refused = 0;
  for (S from : kAll) {
    for (S to : kAll) {
      if (LegalTransitions().count({from, to})) continue;
      const absl::Status s = CheckTransition(from, to);
      EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition)
          << AppointmentStatusName(from) << " -> "
          << AppointmentStatusName(to);
      const std::string message(s.message());
      EXPECT_NE(message.find(AppointmentStatusName(from)), std::string::npos);
      EXPECT_NE(message.find(AppointmentStatusName(to)), std::string::npos);
      ++refused;
    }
  }
  EXPECT_EQ(refused, 49 - 14);
}

TEST(AppointmentStatusTest, SampleOfIllegalTransitions) {
  EXPECT_FALSE(CheckTransition(S::kFulfilled, S::kCancelled).ok());
  EXPECT_FALSE(CheckTransition(S::kCancelled, S::kBooked).ok());
  EXPECT_FALSE(CheckTransition(S::kNoShow, S::kArrived).ok());
  EXPECT_FALSE(CheckTransition(S::kCheckedIn, S::kCancelled).ok());
  EXPECT_FALSE(CheckTransition(S::kCheckedIn, S::kArrived).ok());
  EXPECT_FALSE(CheckTransition(S::kArrived, S::kNoShow).ok());
  EXPECT_FALSE(CheckTransition(S::kBooked, S::kFulfilled).ok());
  EXPECT_FALSE(CheckTransition(S::kBooked, S::kBooked).ok());
  EXPECT_FALSE(CheckTransition(S::kEnteredInError, S::kEnteredInError).ok());
  EXPECT_FALSE(CheckTransition(S::kEnteredInError, S::kBooked).ok());
  EXPECT_EQ(CheckTransition(S::kFulfilled, S::kCancelled).message(),
            "cannot change an appointment from 'fulfilled' to 'cancelled'");
}

TEST(AppointmentStatusTest, Names) {
  EXPECT_EQ(AppointmentStatusName(S::kBooked), "booked");
  EXPECT_EQ(AppointmentStatusName(S::kArrived), "arrived");
  EXPECT_EQ(AppointmentStatusName(S::kCheckedIn), "checked-in");
  EXPECT_EQ(AppointmentStatusName(S::kFulfilled), "fulfilled");
  EXPECT_EQ(AppointmentStatusName(S::kCancelled), "cancelled");
  EXPECT_EQ(AppointmentStatusName(S::kNoShow), "noshow");
  EXPECT_EQ(AppointmentStatusName(S::kEnteredInError), "entered-in-error");
}

TEST(AppointmentStatusTest, Predicates) {
  const std::set<S> occupies = {S::kBooked, S::kArrived, S::kCheckedIn,
                                S::kFulfilled};
  const std::set<S> reason = {S::kCancelled, S::kNoShow};
  const std::set<S> final_states = {S::kFulfilled, S::kCancelled, S::kNoShow,
                                    S::kEnteredInError};
  for (S s : kAll) {
    SCOPED_TRACE(AppointmentStatusName(s));
    EXPECT_EQ(OccupiesTime(s), occupies.count(s) == 1);
    EXPECT_EQ(AllowsCancellationReason(s), reason.count(s) == 1);
    EXPECT_EQ(IsFinal(s), final_states.count(s) == 1);
    // Final means nothing but entered-in-error leaves it.
    bool leaves = false;
    for (S to : kAll) {
      if (to != S::kEnteredInError) leaves |= CheckTransition(s, to).ok();
    }
    EXPECT_EQ(IsFinal(s), !leaves);
  }
}

}  // namespace
}  // namespace domain
}  // namespace fascia

namespace fascia::domain {
namespace {

TEST(TransitionTimeTest, NoShowOnlyOnceTheAppointmentWasDue) {
  const absl::Time start = absl::FromUnixSeconds(1709568000);
  EXPECT_FALSE(CheckTransitionTime(AppointmentStatus::kNoShow, start - absl::Minutes(1), start).ok());
  EXPECT_TRUE(CheckTransitionTime(AppointmentStatus::kNoShow, start, start).ok());
  EXPECT_TRUE(CheckTransitionTime(AppointmentStatus::kCancelled, start - absl::Hours(1), start).ok());
}

}  // namespace
}  // namespace fascia::domain
