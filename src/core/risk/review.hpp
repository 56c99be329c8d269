// Risk management reviews (ISO 14971 9): before release and then periodically, the team confirms
// the plan was followed, the overall residual risk is acceptable and post-production methods work.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record.hpp"

namespace riskloop::risk {

// open: planned or in progress, conclusions not final; closed: held and concluded.
enum class ReviewStatus { open, closed };

struct Review {
  static constexpr std::string_view entity = "risk_review";
  static constexpr std::string_view table = "risk_reviews";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  ReviewStatus status = ReviewStatus::open;
  std::optional<Timestamp> scheduled_for;
  std::optional<Timestamp> held_at;
  std::vector<std::string> attendees;  // printed names, with their function
  std::string conclusions;
  bool plan_followed = false;                     // the plan has been implemented
  bool overall_residual_acceptable = false;       // the overall residual risk is acceptable
  bool post_production_methods_in_place = false;  // collection and review of information (10)

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("status", s.status);
    v("scheduled_for", s.scheduled_for);
    v("held_at", s.held_at);
    v("attendees", s.attendees);
    v("conclusions", s.conclusions);
    v("plan_followed", s.plan_followed);
    v("overall_residual_acceptable", s.overall_residual_acceptable);
    v("post_production_methods_in_place", s.post_production_methods_in_place);
  }

  // All three confirmations of clause 9 given.
  bool confirms_release() const {
    return status == ReviewStatus::closed && plan_followed && overall_residual_acceptable &&
           post_production_methods_in_place;
  }
};

struct ReviewInput {
  ReviewStatus status = ReviewStatus::open;
  std::optional<Timestamp> scheduled_for;
  std::optional<Timestamp> held_at;
  std::vector<std::string> attendees;
  std::string conclusions;
  bool plan_followed = false;
  bool overall_residual_acceptable = false;
  bool post_production_methods_in_place = false;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("status", s.status);
    v("scheduled_for", s.scheduled_for);
    v("held_at", s.held_at);
    v("attendees", s.attendees);
    v("conclusions", s.conclusions);
    v("plan_followed", s.plan_followed);
    v("overall_residual_acceptable", s.overall_residual_acceptable);
    v("post_production_methods_in_place", s.post_production_methods_in_place);
  }
};

// Attendees non-empty and unique. A closed review needs held_at, at least one attendee and its
// conclusions.
Status validate(const ReviewInput& input);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::ReviewStatus> {
  static constexpr std::array<std::string_view, 2> names = {"open", "closed"};
};

}  // namespace riskloop
