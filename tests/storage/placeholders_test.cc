// Unit tests of the `$N` scanner shared by both drivers.
#include "storage/internal/placeholders.h"

#include "gtest/gtest.h"

namespace fascia::storage::internal {
namespace {

TEST(PlaceholdersTest, RewritesDollarNumbersToQuestionNumbers) {
  ScannedSql s = ScanPlaceholders("SELECT a FROM t WHERE b = $1 AND c IN ($2, $12)");
  EXPECT_EQ(s.sqlite_sql, "SELECT a FROM t WHERE b = ?1 AND c IN (?2, ?12)");
  EXPECT_EQ(s.max_param, 12);
}

TEST(PlaceholdersTest, LeavesLiteralsIdentifiersAndCommentsAlone) {
  ScannedSql s = ScanPlaceholders(
      "SELECT '$1', 'it''s $2', \"col$3\", $4 -- $5\n/* $6 */ , $$ $7 $$, $tag$ $8 $tag$, $1");
  EXPECT_EQ(s.sqlite_sql,
            "SELECT '$1', 'it''s $2', \"col$3\", ?4 -- $5\n/* $6 */ , $$ $7 $$, $tag$ $8 $tag$, ?1");
  EXPECT_EQ(s.max_param, 4);
}

TEST(PlaceholdersTest, NoParameters) {
  ScannedSql s = ScanPlaceholders("SELECT 1");
  EXPECT_EQ(s.sqlite_sql, "SELECT 1");
  EXPECT_EQ(s.max_param, 0);
}

TEST(PlaceholdersTest, UnterminatedQuoteCopiesTheRest) {
  ScannedSql s = ScanPlaceholders("SELECT $1, 'oops $2");
  EXPECT_EQ(s.sqlite_sql, "SELECT ?1, 'oops $2");
  EXPECT_EQ(s.max_param, 1);
}

}  // namespace
}  // namespace fascia::storage::internal
