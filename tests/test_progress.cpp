// Progress over time: rollup series, baselines and variance, earned schedule.
// Series are checked against the single-date rollups (a different algorithm: one rollup per
// date); earned schedule against an oracle written below from DESIGN.md's formulas alone, day by
// day, sharing no code with the library.
#include <plangraph/plangraph.hpp>
#include <plangraph/series.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace plangraph;

namespace {

date day(const char* iso) { return *parse_date(iso); }

/// A random model: units in a forest, tasks with and without sub-tasks, due and completion dates
/// spread over 2025, a few cancelled, weights including 0, a calendar with a holiday and a
/// make-up working Saturday.
model random_model(std::uint32_t seed, int units, int tasks) {
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    model m;
    for (int u = 0; u < units; ++u) {
        unit_id parent = u == 0 || pick(0, 9) == 0 ? no_id<unit_id> : make_id<unit_id>(static_cast<std::size_t>(pick(0, u - 1)));
        m.add_unit({.key = "U" + std::to_string(u), .name = "Unit " + std::to_string(u), .parent = parent});
    }
    for (int p = 0; p < 3; ++p)
        m.add_plan({.key = "P" + std::to_string(p), .unit = make_id<unit_id>(0),
                    .parent = p == 0 ? no_id<plan_id> : make_id<plan_id>(static_cast<std::size_t>(pick(0, p - 1)))});
    const date base = day("2025-01-01");
    for (int t = 0; t < tasks; ++t) {
        task k{.key = "T" + std::to_string(t), .name = "Task " + std::to_string(t)};
        k.unit = make_id<unit_id>(static_cast<std::size_t>(pick(0, units - 1)));
        if (pick(0, 3)) k.plan = make_id<plan_id>(static_cast<std::size_t>(pick(0, 2)));
        if (t > 0 && pick(0, 5) == 0) k.parent = make_id<task_id>(static_cast<std::size_t>(pick(0, t - 1)));
        k.start = base + boost::gregorian::days(pick(0, 150));
        if (pick(0, 4)) k.due = *k.start + boost::gregorian::days(pick(0, 80));
        if (pick(0, 1)) k.completed = *k.start + boost::gregorian::days(pick(0, 120));
        k.duration = pick(0, 3) ? pick(1, 30) : 0;
        k.percent = k.completed ? 100 : pick(0, 100);
        k.weight = pick(0, 6) * 0.5;
        k.cancelled = pick(0, 12) == 0;
        m.add_task(std::move(k));
    }
    calendar cal;
    cal.set_exception(day("2025-04-30"), false);
    cal.set_exception(day("2025-05-01"), false);
    cal.set_exception(day("2025-04-26"), true);
    m.set_calendar(cal);
    return m;
}

/// k strictly increasing dates, some before every task date, some after.
std::vector<date> random_dates(std::mt19937& rng, std::size_t k) {
    std::vector<date> out;
    date d = day("2024-12-01") + boost::gregorian::days(std::uniform_int_distribution<int>(0, 30)(rng));
    for (std::size_t i = 0; i < k; ++i) {
        out.push_back(d);
        d += boost::gregorian::days(std::uniform_int_distribution<int>(1, 40)(rng));
    }
    return out;
}

bool close(double a, double b, double tol = 1e-9) {
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(a) + std::abs(b));
}

// Counts exactly, sums up to rounding.
bool same(std::span<const status_counts> a, std::span<const status_counts> b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].by_status != b[i].by_status || !close(a[i].weight, b[i].weight) ||
            !close(a[i].weight_done, b[i].weight_done) || !close(a[i].duration, b[i].duration) ||
            !close(a[i].duration_done, b[i].duration_done))
            return false;
    return true;
}

}  // namespace

// ---- series ---------------------------------------------------------------------------------

TEST_CASE("series.equals_single_date_rollups_on_random_models") {
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
        auto m = random_model(seed, 1 + static_cast<int>(seed % 13), 30 + static_cast<int>(seed) * 7);
        std::mt19937 rng(seed);
        auto dates = random_dates(rng, 1 + seed % 9);
        auto units = rollup_series(m, dates);
        auto tasks = rollup_series_tasks(m, dates);
        auto plans = rollup_series_plans(m, dates);
        auto report = rollup_report_series(m, dates);
        REQUIRE(units.size() == dates.size());
        const auto values = aggregate_indicators(m);
        const auto indicators = count_indicators(m, values);
        for (std::size_t j = 0; j < dates.size(); ++j) {
            INFO("seed " << seed << ", date " << format_date(dates[j]));
            CHECK(units.dates[j] == dates[j]);
            CHECK(same(units.at(j), rollup_units(m, dates[j])));
            CHECK(same(tasks.at(j), rollup_tasks(m, dates[j])));
            CHECK(same(plans.at(j), rollup_plans(m, dates[j])));
            CHECK(report.lights[j] == traffic_lights(m.unit_hierarchy(), rollup_units(m, dates[j]), indicators));
        }
        CHECK(report.indicator_counts == indicators);
    }
}

TEST_CASE("series.one_task_changes_status_at_its_dates") {
    model m;
    auto u = m.add_unit({.key = "U", .name = "U"});
    m.add_task({.key = "A", .name = "A", .unit = u, .due = day("2025-03-10"), .duration = 4,
                .completed = day("2025-03-20"), .weight = 2});
    std::vector<date> dates{day("2025-03-01"), day("2025-03-10"), day("2025-03-11"), day("2025-03-20"), day("2025-04-01")};
    auto s = rollup_series(m, dates);
    auto row = [&](std::size_t j) { return s.at(j)[0]; };
    CHECK(row(0).in_progress() == 1);
    CHECK(row(1).in_progress() == 1);  // due day itself: still within deadline
    CHECK(row(2).overdue() == 1);
    CHECK(row(3).done_late() == 1);
    CHECK(row(3).weight_done == 2.0);
    CHECK(row(4).done_late() == 1);
    CHECK(row(2).weight_done == 0.0);
    for (std::size_t j = 0; j < dates.size(); ++j) CHECK(row(j).total() == 1);
}

TEST_CASE("series.dates_out_of_order_duplicated_or_out_of_range_are_refused") {
    model m;
    m.add_unit({.key = "U", .name = "U"});
    std::vector<date> unordered{day("2025-01-01"), day("2025-03-01"), day("2025-02-01")};
    CHECK_THROWS_WITH_AS(rollup_series(m, unordered),
                         "as-of dates must be increasing: 2025-02-01 (date 3) comes after 2025-03-01 (date 2)",
                         series_error);
    std::vector<date> repeated{day("2025-01-01"), day("2025-01-01")};
    CHECK_THROWS_WITH_AS(rollup_series(m, repeated), "as-of date 2025-01-01 (date 2) repeats date 1", series_error);
    std::vector<date> old{day("1899-12-31"), day("2025-01-01")};
    CHECK_THROWS_WITH_AS(rollup_series(m, old), "as-of date 1899-12-31 (date 1) is outside 1900-01-01..2199-12-31",
                         series_error);
    CHECK_THROWS_WITH_AS(rollup_series(m, std::vector<date>{}), "a series needs at least one as-of date", series_error);
}

TEST_CASE("series.date_list_and_expansion") {
    CHECK(parse_date_list("2025-01-31, 2025-02-28,2025-03-31") ==
          std::vector<date>{day("2025-01-31"), day("2025-02-28"), day("2025-03-31")});
    CHECK_THROWS_WITH_AS(parse_date_list("2025-01-31,2025-02-30"), "as-of date 2 '2025-02-30' is not a date YYYY-MM-DD",
                         series_error);
    CHECK_THROWS_WITH_AS(parse_date_list("2025-01-31,"), "as-of date 2 '' is not a date YYYY-MM-DD", series_error);
    CHECK_THROWS_WITH_AS(parse_date_list("2025-03-01,2025-01-01"),
                         "as-of dates must be increasing: 2025-01-01 (date 2) comes after 2025-03-01 (date 1)",
                         series_error);

    CHECK(expand_dates(day("2025-01-31"), day("2025-05-15"), date_step::month) ==
          std::vector<date>{day("2025-01-31"), day("2025-02-28"), day("2025-03-31"), day("2025-04-30")});
    CHECK(expand_dates(day("2025-01-30"), day("2025-03-30"), date_step::month) ==
          std::vector<date>{day("2025-01-30"), day("2025-02-28"), day("2025-03-30")});
    CHECK(expand_dates(day("2025-01-01"), day("2025-01-22"), date_step::week).size() == 4);
    CHECK(expand_dates(day("2025-01-01"), day("2025-01-01"), date_step::day) == std::vector<date>{day("2025-01-01")});
    CHECK_THROWS_WITH_AS(expand_dates(day("2025-02-01"), day("2025-01-01"), date_step::week),
                         "end date 2025-01-01 is before start date 2025-02-01", series_error);
    CHECK_THROWS_WITH_AS(expand_dates(day("2025-01-01"), day("2199-12-31"), date_step::day),
                         "from 2025-01-01 to 2199-12-31 is more than 1000 dates", series_error);
    CHECK(parse_date_step("month") == date_step::month);
    CHECK_FALSE(parse_date_step("year"));
}

