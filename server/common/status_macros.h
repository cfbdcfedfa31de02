// Early-return helpers for absl::Status / absl::StatusOr (Abseil 20220623
// ships none).
//
//   RETURN_IF_ERROR(store.Put(x));
//   ASSIGN_OR_RETURN(Location loc, store.GetLocation(name));
//
// Both evaluate their argument exactly once.
#ifndef FASCIA_COMMON_STATUS_MACROS_H_
#define FASCIA_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define FASCIA_CONCAT_INNER_(a, b) a##b
#define FASCIA_CONCAT_(a, b) FASCIA_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    ::absl::Status fascia_status_ = (expr);            \
    if (!fascia_status_.ok()) return fascia_status_;   \
  } while (false)

#define ASSIGN_OR_RETURN(lhs, expr) \
  FASCIA_ASSIGN_OR_RETURN_IMPL_(FASCIA_CONCAT_(fascia_statusor_, __COUNTER__), lhs, expr)

// Expands to several statements: never use it as the body of an unbraced if.
#define FASCIA_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

#endif  // FASCIA_COMMON_STATUS_MACROS_H_
