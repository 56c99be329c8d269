// Vigilance records and due dates: the declared rules of registrations, reporting rules and
// holidays, and report_due for every unit (core/vigilance).
#include <gtest/gtest.h>

#include "core/vigilance/complaint.hpp"
#include "core/vigilance/holiday.hpp"
#include "core/vigilance/registration.hpp"
#include "core/vigilance/reporting_deadline.hpp"
#include "core/vigilance/reporting_rule.hpp"

namespace riskloop::vigilance {
namespace {

Timestamp at(const char* text) { return *parse_timestamp(text); }

std::string due(const char* aware, std::optional<std::int64_t> value, DeadlineUnit unit,
                const HolidayDates& holidays = {}) {
  const auto r = report_due(at(aware), value, unit, holidays);
  return r ? format_timestamp(*r) : "error: " + r.error().message;
}

TEST(ReportDue, HoursRunFromTheAwarenessInstant) {
  EXPECT_EQ(due("2026-12-04T22:30:00.000Z", 48, DeadlineUnit::hours), "2026-12-06T22:30:00.000Z");
}

TEST(ReportDue, CalendarDaysEndWithTheLastDay) {
  // EU MDR Art 87(3): 15 days; awareness on Friday 4 December, due at the end of 19 December.
  EXPECT_EQ(due("2026-12-04T09:00:00.000Z", 15, DeadlineUnit::calendar_days),
            "2026-12-19T23:59:59.999Z");
  // Across a leap day and a year end.
  EXPECT_EQ(due("2028-02-20T23:59:59.999Z", 10, DeadlineUnit::calendar_days),
            "2028-03-01T23:59:59.999Z");
  EXPECT_EQ(due("2026-12-31T00:00:00.000Z", 1, DeadlineUnit::calendar_days),
            "2027-01-01T23:59:59.999Z");
}

TEST(ReportDue, WorkingDaysSkipWeekendsAndHolidays) {
  // 21 CFR 803.53: 5 work days after the day of awareness. Aware Thursday 3 December 2026:
  // Fri 4, Mon 7, Tue 8, Wed 9, Thu 10.
  EXPECT_EQ(due("2026-12-03T15:00:00.000Z", 5, DeadlineUnit::working_days),
            "2026-12-10T23:59:59.999Z");
  // Aware on a Saturday: the count starts on Monday.
  EXPECT_EQ(due("2026-12-05T10:00:00.000Z", 1, DeadlineUnit::working_days),
            "2026-12-07T23:59:59.999Z");
  // Christmas and New Year's Day as holidays: aware Wed 23 December 2026, 5 working days are
  // Thu 24, Mon 28, Tue 29, Wed 30, Thu 31; with 1 January 2027 off, 6 days end Mon 4 January.
  const HolidayDates us{*parse_calendar_date("2026-12-25"), *parse_calendar_date("2027-01-01")};
  EXPECT_EQ(due("2026-12-23T12:00:00.000Z", 5, DeadlineUnit::working_days, us),
            "2026-12-31T23:59:59.999Z");
  EXPECT_EQ(due("2026-12-23T12:00:00.000Z", 6, DeadlineUnit::working_days, us),
            "2027-01-04T23:59:59.999Z");
  EXPECT_EQ(due("2026-12-23T12:00:00.000Z", 6, DeadlineUnit::working_days),
            "2026-12-31T23:59:59.999Z");  // without the holidays: Christmas counts
}

TEST(ReportDue, MonthsKeepTheDayOrTakeTheLastOfAShorterMonth) {
  EXPECT_EQ(due("2026-01-31T08:00:00.000Z", 1, DeadlineUnit::months), "2026-02-28T23:59:59.999Z");
  EXPECT_EQ(due("2026-11-15T08:00:00.000Z", 12, DeadlineUnit::months), "2027-11-15T23:59:59.999Z");
}

TEST(ReportDue, RulesWithoutAPeriodFromAwarenessSaySo) {
  EXPECT_EQ(due("2026-12-04T09:00:00.000Z", std::nullopt, DeadlineUnit::no_fixed_period),
            "error: the rule sets no fixed period: its wording says when to report");
  EXPECT_NE(due("2026-12-04T09:00:00.000Z", 0, DeadlineUnit::days_before_action)
                .find("days before an action"),
            std::string::npos);
  EXPECT_EQ(due("2026-12-04T09:00:00.000Z", std::nullopt, DeadlineUnit::calendar_days),
            "error: the rule has no period to count");
}

TEST(CalendarDate, OnlyRealDatesInOneForm) {
  EXPECT_EQ(format_calendar_date(*parse_calendar_date("2028-02-29")), "2028-02-29");
  for (const char* bad : {"2027-02-29", "2027-13-01", "2027-1-01", "27-01-01", "2027/01/01",
                          "2027-01-01T00", "", "abcd-ef-gh", "2027-00-10"})
    EXPECT_FALSE(parse_calendar_date(bad)) << bad;
}

TEST(ReportingRuleRules, APeriodHasItsNumberAndNoPeriodHasWords) {
  ReportingRule r;
  r.jurisdiction = "EU";
  r.deadline_unit = DeadlineUnit::calendar_days;
  EXPECT_EQ(validate(r).error().location, "/deadline_value");
  r.deadline_value = 15;
  EXPECT_TRUE(validate(r));
  r.deadline_unit = DeadlineUnit::no_fixed_period;
  EXPECT_EQ(validate(r).error().location, "/deadline_value");
  r.deadline_value.reset();
  EXPECT_EQ(validate(r).error().location, "/deadline_wording");
  r.deadline_wording = "as soon as possible";
  EXPECT_TRUE(validate(r));
  r.jurisdiction = "eu";
  EXPECT_EQ(validate(r).error().location, "/jurisdiction");
}

TEST(RegistrationRules, ARegisteredProductHasItsNumberAndDates) {
  Registration r;
  r.country = "CN";
  r.status = RegistrationStatus::planned;
  EXPECT_TRUE(validate(r));
  r.status = RegistrationStatus::registered;
  EXPECT_EQ(validate(r).error().location, "/registration_number");
  r.registration_number = "国械注准20193130123";
  EXPECT_EQ(validate(r).error().location, "/registered_on");
  r.registered_on = at("2019-06-01T00:00:00.000Z");
  EXPECT_TRUE(validate(r));
  r.expires_on = at("2019-05-01T00:00:00.000Z");
  EXPECT_EQ(validate(r).error().location, "/expires_on");
  r.expires_on = at("2024-05-31T00:00:00.000Z");
  EXPECT_TRUE(validate(r));
  r.country = "China";
  EXPECT_EQ(validate(r).error().location, "/country");
  r.country = "CN";
  r.status = RegistrationStatus::submitted;
  EXPECT_EQ(validate(r).error().location, "/submitted_on");
}

TEST(HolidayRules, ARealDateAndACountry) {
  Holiday h{.country = "CN", .date = "2027-10-01", .name = "National Day"};
  EXPECT_TRUE(validate(h));
  h.date = "2027-02-30";
  EXPECT_EQ(validate(h).error().location, "/date");
  h.date = "2027-10-01";
  h.country = "XXX";
  EXPECT_EQ(validate(h).error().location, "/country");
}

TEST(ComplaintRules, OutcomesDatesAndClosing) {
  Complaint c;
  c.country = "PK";
  c.received_on = at("2026-12-01T08:00:00.000Z");
  EXPECT_TRUE(validate(c));
  c.patient_outcome = PatientOutcome::serious_injury;
  EXPECT_EQ(validate(c).error().location, "/patient_involved");
  c.patient_involved = true;
  EXPECT_TRUE(validate(c));
  EXPECT_TRUE(is_serious(c));
  c.event_date = at("2026-12-02T00:00:00.000Z");
  EXPECT_EQ(validate(c).error().location, "/event_date");
  c.event_date = at("2026-11-28T00:00:00.000Z");
  c.status = ComplaintStatus::closed;
  EXPECT_EQ(validate(c).error().location, "/findings");
  c.findings = "Balloon wall thinner than specified in lot L-17";
  EXPECT_EQ(validate(c).error().location, "/closed_on");
  c.closed_on = at("2026-11-30T00:00:00.000Z");
  EXPECT_EQ(validate(c).error().location, "/closed_on");  // before it was received
  c.closed_on = at("2026-12-20T00:00:00.000Z");
  EXPECT_TRUE(validate(c));
  c.status = ComplaintStatus::investigating;
  EXPECT_EQ(validate(c).error().location, "/closed_on");  // only a closed one has a closing date
}

}  // namespace
}  // namespace riskloop::vigilance
