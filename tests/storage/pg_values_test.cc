// Unit tests of the PostgreSQL driver's pure conversions (no server needed).
#include "storage/postgres/pg_values.h"

#include "gtest/gtest.h"

namespace fascia::storage::pg_internal {
namespace {

TEST(PgValuesTest, DecodesByteaHex) {
  EXPECT_EQ(DecodeByteaHex("\\x"), "");
  EXPECT_EQ(DecodeByteaHex("\\x00ff0A"), std::string("\x00\xff\x0a", 3));
  EXPECT_EQ(DecodeByteaHex("\\x0"), std::nullopt);
  EXPECT_EQ(DecodeByteaHex("\\xzz"), std::nullopt);
  EXPECT_EQ(DecodeByteaHex("abc"), std::nullopt);
}

TEST(PgValuesTest, DecodesCellsByType) {
  EXPECT_EQ(DecodeCell(kInt8Oid, "-9223372036854775808").AsInt(), INT64_MIN);
  EXPECT_TRUE(DecodeCell(kInt4Oid, "7").is_int());
  EXPECT_TRUE(DecodeCell(kNumericOid, "3003").is_int());
  EXPECT_TRUE(DecodeCell(kNumericOid, "1.5").is_text());
  EXPECT_EQ(DecodeCell(kBoolOid, "t").AsInt(), 1);
  EXPECT_EQ(DecodeCell(kBoolOid, "f").AsInt(), 0);
  EXPECT_EQ(DecodeCell(kByteaOid, "\\x41").AsBytes(), "A");
  EXPECT_EQ(DecodeCell(kTextOid, "hi").AsText(), "hi");
}

TEST(PgValuesTest, MapsSqlStates) {
  absl::Status unique = PgErrorStatus("23505", "resources_pkey", "duplicate key");
  EXPECT_EQ(unique.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ViolatedConstraint(unique), "resources_pkey");
  EXPECT_EQ(ViolatedConstraint(PgErrorStatus("23P01", "appointments_staff_overlap", "x")),
            "appointments_staff_overlap");
  EXPECT_EQ(PgErrorStatus("23514", "appointments_check", "x").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(PgErrorStatus("57014", "", "canceling statement").code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(PgErrorStatus("40001", "", "x").code(), absl::StatusCode::kAborted);
  EXPECT_EQ(PgErrorStatus("40P01", "", "x").code(), absl::StatusCode::kAborted);
  EXPECT_EQ(PgErrorStatus("08006", "", "x").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(PgErrorStatus("57P01", "", "x").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(PgErrorStatus("42601", "", "syntax").code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(IsRetryableSqlState("40001"));
  EXPECT_FALSE(IsRetryableSqlState("23505"));
}

TEST(PgValuesTest, DataExceptionMessagesDoNotQuoteValues) {
  absl::Status s =
      PgErrorStatus("22P02", "", "invalid input syntax for type bigint: \"secret diagnosis\"");
  EXPECT_EQ(s.message().find("secret"), std::string_view::npos) << s;
}

}  // namespace
}  // namespace fascia::storage::pg_internal
