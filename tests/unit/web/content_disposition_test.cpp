// Download names in any language (RFC 6266, RFC 8187): an ASCII fallback and a UTF-8 filename*,
// with nothing in the header that could end the parameter or the header.
#include <gtest/gtest.h>

#include "http/content_disposition.hpp"

namespace riskloop::http {
namespace {

TEST(ContentDisposition, ChineseTitleKeepsItsNameInFilenameStar) {
  EXPECT_EQ(content_disposition("attachment", "risk-file-report.pdf",
                                "\xE6\x94\xAF\xE6\x9E\xB6-report.pdf"),  // 支架-report.pdf
            "attachment; filename=\"risk-file-report.pdf\"; "
            "filename*=UTF-8''%E6%94%AF%E6%9E%B6-report.pdf");
}

TEST(ContentDisposition, AsciiNameHasNoExtendedParameter) {
  EXPECT_EQ(content_disposition("inline", "stent-report.html", "stent-report.html"),
            "inline; filename=\"stent-report.html\"");
}

TEST(ContentDisposition, NothingInTheNameCanBreakTheHeader) {
  const auto h = content_disposition("attachment", "a\"b\\c%d\r\ne\xE6.pdf",
                                     "x\"; filename=evil\r\nSet-Cookie: a=b \xFF.pdf");
  EXPECT_EQ(h,
            "attachment; filename=\"a_b_c_d__e_.pdf\"; "
            "filename*=UTF-8''x%22%3B%20filename%3Devil%0D%0ASet-Cookie%3A%20a%3Db%20%FF.pdf");
  for (char c : h) EXPECT_TRUE(c >= 0x20 && c < 0x7F) << int(c);
}

}  // namespace
}  // namespace riskloop::http
