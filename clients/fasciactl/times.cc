// See times.h.
#include "times.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"

namespace fasciactl {

namespace v1 = fascia::v1;

absl::StatusOr<absl::TimeZone> LoadZone(const std::string& name) {
  absl::TimeZone tz;
  if (name.empty() || !absl::LoadTimeZone(name, &tz)) {
    return absl::InvalidArgumentError(absl::StrCat("unknown time zone \"", name, "\""));
  }
  return tz;
}

namespace {

// Where the offset starts in a date-time ("...T10:00+01:00" -> index of '+'),
// or npos. Only looks after the date, whose own '-' are not offsets.
size_t OffsetStart(const std::string& text) {
  if (text.size() <= 10) return std::string::npos;
  if (text.back() == 'Z' || text.back() == 'z') return text.size() - 1;
  size_t at = text.find_first_of("+-", 10);
  return at;
}

// Parses a strict civil time and checks it round-trips, so that 2026-02-30
// is an error rather than quietly becoming March 2.
template <typename Civil>
bool ParseStrict(const std::string& text, Civil* out) {
  return absl::ParseCivilTime(text, out) && absl::FormatCivilTime(*out) == text;
}

absl::StatusOr<absl::CivilSecond> ParseCivil(const std::string& text) {
  absl::CivilSecond second;
  absl::CivilMinute minute;
  absl::CivilDay day;
  if (ParseStrict(text, &second)) return second;
  if (ParseStrict(text, &minute)) return absl::CivilSecond(minute);
  if (ParseStrict(text, &day)) return absl::CivilSecond(day);
  return absl::InvalidArgumentError(
      absl::StrCat("\"", text,
                   "\" is not a date-time: use YYYY-MM-DDTHH:MM (local time), optionally "
                   "with seconds and an offset (Z, +01:00)"));
}

// "+01:00", "-0500", "Z" -> seconds east of UTC.
absl::StatusOr<int> ParseOffset(const std::string& text) {
  if (text == "Z" || text == "z") return 0;
  std::string digits = text.substr(1);
  digits.erase(std::remove(digits.begin(), digits.end(), ':'), digits.end());
  int hours = 0, minutes = 0;
  if (digits.size() != 4 || !absl::SimpleAtoi(digits.substr(0, 2), &hours) ||
      !absl::SimpleAtoi(digits.substr(2, 2), &minutes) || hours > 23 || minutes > 59) {
    return absl::InvalidArgumentError(absl::StrCat("bad UTC offset \"", text, "\""));
  }
  int seconds = hours * 3600 + minutes * 60;
  return text[0] == '-' ? -seconds : seconds;
}

}  // namespace

bool HasExplicitOffset(const std::string& text) {
  return OffsetStart(std::string(absl::StripAsciiWhitespace(text))) != std::string::npos;
}

absl::StatusOr<absl::Time> ParseTimeInZone(const std::string& input, const absl::TimeZone& tz) {
  std::string text(absl::StripAsciiWhitespace(input));
  if (text == "now") return absl::Now();
  // "2026-12-01 10:00" is as good as "2026-12-01T10:00" (and easier to type).
  if (text.size() > 10 && text[10] == ' ') text[10] = 'T';
  if (text.size() > 10 && text[10] == 't') text[10] = 'T';
  const size_t offset_at = OffsetStart(text);
  if (offset_at != std::string::npos) {
    absl::StatusOr<absl::CivilSecond> civil = ParseCivil(text.substr(0, offset_at));
    if (!civil.ok()) return civil.status();
    absl::StatusOr<int> offset = ParseOffset(text.substr(offset_at));
    if (!offset.ok()) return offset.status();
    return absl::FromCivil(*civil, absl::UTCTimeZone()) - absl::Seconds(*offset);
  }
  absl::StatusOr<absl::CivilSecond> civil = ParseCivil(text);
  if (!civil.ok()) return civil.status();
  // .pre: in a gap, the instant using the offset before the change (i.e. the
  // wall time moved forward by the gap); in an overlap, the first occurrence.
  return tz.At(*civil).pre;
}

std::string FormatInZone(absl::Time t, const absl::TimeZone& tz, const std::string& zone_name) {
  const absl::CivilSecond cs = absl::ToCivilSecond(t, tz);
  std::string out =
      absl::FormatTime(cs.second() != 0 ? "%Y-%m-%d %H:%M:%S %Z" : "%Y-%m-%d %H:%M %Z", t, tz);
  if (!zone_name.empty()) absl::StrAppend(&out, " (", zone_name, ")");
  return out;
}

std::string FormatEndInZone(absl::Time start, absl::Time end, const absl::TimeZone& tz) {
  if (absl::ToCivilDay(start, tz) != absl::ToCivilDay(end, tz)) return FormatInZone(end, tz, "");
  const absl::CivilSecond cs = absl::ToCivilSecond(end, tz);
  return absl::FormatTime(cs.second() != 0 ? "%H:%M:%S %Z" : "%H:%M %Z", end, tz);
}

std::string FormatUtc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", t, absl::UTCTimeZone());
}

std::string FormatUtcOrEmpty(const google::protobuf::Timestamp& t, bool set) {
  return set ? FormatUtc(FromTimestamp(t)) : "";
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t seconds = absl::ToUnixSeconds(t);
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>((t - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
  return ts;
}

absl::StatusOr<absl::Duration> ParseDurationFlag(const std::string& input) {
  std::string text(absl::StripAsciiWhitespace(input));
  absl::Duration d;
  int64_t days = 0;
  // absl has no day unit; "90d" is how people write booking windows.
  if (!text.empty() && text.back() == 'd' &&
      absl::SimpleAtoi(text.substr(0, text.size() - 1), &days)) {
    d = absl::Hours(24 * days);
  } else if (!absl::ParseDuration(text, &d)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", input, "\" is not a duration: use e.g. 90m, 1h30m, 45s or 90d"));
  }
  if (d < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat("duration \"", input, "\" is negative"));
  }
  return d;
}

google::protobuf::Duration ToDurationProto(absl::Duration d) {
  google::protobuf::Duration out;
  const int64_t seconds = absl::IDivDuration(d, absl::Seconds(1), &d);
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(d / absl::Nanoseconds(1)));
  return out;
}

std::string FormatDuration(const google::protobuf::Duration& d) {
  if (d.seconds() == 0 && d.nanos() == 0) return "0";
  if (d.nanos() == 0 && d.seconds() % 86400 == 0) return absl::StrCat(d.seconds() / 86400, "d");
  return absl::FormatDuration(absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos()));
}

absl::StatusOr<v1::Date> ParseDate(const std::string& input) {
  std::string text(absl::StripAsciiWhitespace(input));
  absl::CivilDay day;
  if (!ParseStrict(text, &day)) {
    return absl::InvalidArgumentError(absl::StrCat("\"", input, "\" is not a date (YYYY-MM-DD)"));
  }
  v1::Date out;
  out.set_year(static_cast<int32_t>(day.year()));
  out.set_month(day.month());
  out.set_day(day.day());
  return out;
}

std::string FormatDate(const v1::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

namespace {

constexpr std::array<const char*, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// 1 (MONDAY) .. 7 (SUNDAY), or 0.
int DayNumber(const std::string& word) {
  static const std::map<std::string, int> kDays = {
      {"mon", 1},       {"monday", 1}, {"tue", 2},      {"tues", 2},  {"tuesday", 2},  {"wed", 3},
      {"wednesday", 3}, {"thu", 4},    {"thur", 4},     {"thurs", 4}, {"thursday", 4}, {"fri", 5},
      {"friday", 5},    {"sat", 6},    {"saturday", 6}, {"sun", 7},   {"sunday", 7}};
  auto it = kDays.find(word);
  return it == kDays.end() ? 0 : it->second;
}

absl::StatusOr<std::vector<int>> ParseDays(const std::string& input) {
  const std::string word = absl::AsciiStrToLower(input);
  if (word == "daily" || word == "everyday" || word == "every-day")
    return std::vector<int>{1, 2, 3, 4, 5, 6, 7};
  if (word == "weekdays") return std::vector<int>{1, 2, 3, 4, 5};
  if (word == "weekends" || word == "weekend") return std::vector<int>{6, 7};
  std::vector<std::string> ends = absl::StrSplit(word, '-');
  if (ends.size() == 1 && DayNumber(ends[0]) != 0) return std::vector<int>{DayNumber(ends[0])};
  if (ends.size() == 2 && DayNumber(ends[0]) != 0 && DayNumber(ends[1]) != 0) {
    std::vector<int> days;
    for (int d = DayNumber(ends[0]);; d = d % 7 + 1) {
      days.push_back(d);
      if (d == DayNumber(ends[1])) break;
    }
    return days;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "\"", input, "\" is not a day or day range (mon, mon-fri, daily, weekdays, weekends)"));
}

absl::StatusOr<v1::TimeOfDay> ParseTimeOfDay(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  int hours = -1, minutes = -1;
  if (parts.size() != 2 || parts[1].size() != 2 || parts[0].empty() || parts[0].size() > 2 ||
      !absl::SimpleAtoi(parts[0], &hours) || !absl::SimpleAtoi(parts[1], &minutes) || hours < 0 ||
      hours > 24 || minutes < 0 || minutes > 59 || (hours == 24 && minutes != 0)) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a time of day (HH:MM)"));
  }
  v1::TimeOfDay out;
  out.set_hours(hours);
  out.set_minutes(minutes);
  return out;
}

int Minutes(const v1::TimeOfDay& t) { return t.hours() * 60 + t.minutes(); }

std::string FormatTimeOfDay(const v1::TimeOfDay& t) {
  return absl::StrFormat("%02d:%02d", t.hours(), t.minutes());
}

}  // namespace

absl::StatusOr<std::vector<v1::WeeklyInterval>> ParseWeeklyHours(const std::string& text) {
  std::vector<v1::WeeklyInterval> out;
  for (absl::string_view raw_entry : absl::StrSplit(text, absl::ByAnyChar(",;"))) {
    std::vector<std::string> words =
        absl::StrSplit(raw_entry, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (words.empty()) continue;
    if (words.size() < 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("hours entry \"", std::string(absl::StripAsciiWhitespace(raw_entry)),
                       "\" needs days and a time range, e.g. \"mon-fri 09:00-17:00\""));
    }
    absl::StatusOr<std::vector<int>> days = ParseDays(words[0]);
    if (!days.ok()) return days.status();
    for (size_t i = 1; i < words.size(); ++i) {
      std::vector<std::string> ends = absl::StrSplit(words[i], '-');
      if (ends.size() != 2) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", words[i], "\" is not a time range (HH:MM-HH:MM)"));
      }
      absl::StatusOr<v1::TimeOfDay> start = ParseTimeOfDay(ends[0]);
      if (!start.ok()) return start.status();
      absl::StatusOr<v1::TimeOfDay> end = ParseTimeOfDay(ends[1]);
      if (!end.ok()) return end.status();
      if (Minutes(*end) <= Minutes(*start)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "time range \"", words[i], "\" ends before it starts (split overnight ranges in two)"));
      }
      for (int day : *days) {
        v1::WeeklyInterval w;
        w.set_day(static_cast<v1::DayOfWeek>(day));
        *w.mutable_start() = *start;
        *w.mutable_end() = *end;
        out.push_back(std::move(w));
      }
    }
  }
  return out;
}

std::string FormatWeeklyHours(const google::protobuf::RepeatedPtrField<v1::WeeklyInterval>& hours) {
  // Per day, its ranges in order; then runs of consecutive days that agree.
  std::array<std::vector<std::pair<int, std::string>>, 8> per_day;
  for (const v1::WeeklyInterval& w : hours) {
    const int day = static_cast<int>(w.day());
    if (day < 1 || day > 7) continue;
    per_day[day].emplace_back(Minutes(w.start()),
                              FormatTimeOfDay(w.start()) + "-" + FormatTimeOfDay(w.end()));
  }
  std::array<std::string, 8> text;
  for (int day = 1; day <= 7; ++day) {
    std::sort(per_day[day].begin(), per_day[day].end());
    std::vector<std::string> ranges;
    for (const auto& r : per_day[day]) ranges.push_back(r.second);
    text[day] = absl::StrJoin(ranges, " ");
  }
  std::vector<std::string> entries;
  for (int day = 1; day <= 7;) {
    if (text[day].empty()) {
      ++day;
      continue;
    }
    int last = day;
    while (last < 7 && text[last + 1] == text[day]) ++last;
    std::string days = kDayNames[day - 1];
    if (day == 1 && last == 7) {
      days = "daily";
    } else if (last > day) {
      days = absl::StrCat(kDayNames[day - 1], "-", kDayNames[last - 1]);
    }
    entries.push_back(absl::StrCat(days, " ", text[day]));
    day = last + 1;
  }
  return absl::StrJoin(entries, ", ");
}

}  // namespace fasciactl
