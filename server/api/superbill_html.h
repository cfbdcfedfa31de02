// A superbill as a printable HTML document: one self-contained page (inline
// stylesheet, no scripts, images, fonts or links to fetch) laid out for A4
// and US Letter alike, with a @media print stylesheet, showing the CMS-1500
// items a client copies onto a claim, each labelled with its box number.
//
//   std::string html = RenderSuperbillHtml(bill);
//
// Every text that comes from a user (names, addresses, codes, technique
// names, ids) is HTML-escaped, so a client called "<script>" prints as text.
// Service lines with 0 units are left out (they are not billable); the
// unit method, unbilled techniques and missing items are stated below them.
//
// Thread-safety: a pure function.
#ifndef FASCIA_API_SUPERBILL_HTML_H_
#define FASCIA_API_SUPERBILL_HTML_H_

#include <string>

#include "absl/strings/string_view.h"
#include "fascia/v1/insurance.pb.h"

namespace fascia::api {

std::string RenderSuperbillHtml(const fascia::v1::Superbill& bill);

// `text` with &, <, >, " and ' replaced by character references.
std::string EscapeHtml(absl::string_view text);

}  // namespace fascia::api

#endif  // FASCIA_API_SUPERBILL_HTML_H_
