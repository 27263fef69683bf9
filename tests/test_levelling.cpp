// Levelling (rcpsp.hpp, levelling.hpp) and the PSPLIB reader (io/psplib.hpp): a real instance
// and bad input with exact messages; on random projects every arc and capacity holds, the span
// is never below the critical path and a seed gives the same schedule; the search reaches the
// optimum where it equals the critical path; delayed_by on a case worked out by hand.
#include <plangraph/io/psplib.hpp>
#include <plangraph/levelling.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace plangraph;

namespace {

std::filesystem::path psplib_dir() { return std::filesystem::path(PLANGRAPH_SHARED_DIR) / "oracle" / "psplib"; }

/// Four jobs: a source, two jobs of 3 and 2 days that each need 2 of the 3 units of R1, a sink.
const std::string tiny_sm = R"(jobs (incl. supersource/sink ):  4
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     2       2
  4      1     0       0
RESOURCEAVAILABILITIES:
  R 1
    3
)";

/// tiny_sm with `from` replaced by `to` (which must occur).
std::string tiny_with(const std::string& from, const std::string& to) {
    auto s = tiny_sm;
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

/// A random acyclic project: arcs only from lower to higher index, of every link type with
/// lags (negative distances included), releases, milestones, two or three resources.
rcpsp::project random_project(std::mt19937_64& rng) {
    auto below = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    rcpsp::project p;
    int resources = 2 + below(2);
    for (int r = 0; r < resources; ++r) p.resources.push_back({"R" + std::to_string(r + 1), 1 + below(6)});
    int n = 5 + below(25);
    for (int i = 0; i < n; ++i) {
        rcpsp::activity a{"A" + std::to_string(i + 1), below(6) == 0 ? 0 : 1 + below(9), below(4) == 0 ? below(10) : 0, {}};
        for (int r = 0; r < resources; ++r)
            if (below(2)) a.demands.push_back({static_cast<std::size_t>(r), below(p.resources[static_cast<std::size_t>(r)].capacity + 1)});
        p.activities.push_back(a);
    }
    for (int to = 1; to < n; ++to)
        for (int k = below(3); k > 0; --k) {
            auto from = static_cast<std::size_t>(below(to));
            auto type = static_cast<link_type>(below(4));
            int lag = below(7) - 3;
            p.arcs.push_back({from, static_cast<std::size_t>(to),
                              rcpsp::start_distance(type, lag, p.activities[from].duration,
                                                    p.activities[static_cast<std::size_t>(to)].duration)});
        }
    return p;
}

}  // namespace

TEST_CASE("levelling.psplib.reads_a_real_instance") {
    auto p = io::read_psplib(psplib_dir() / "j30" / "j301_1.sm");
    REQUIRE(p.activities.size() == 32);
    REQUIRE(p.resources.size() == 4);
    CHECK(p.resources[0] == rcpsp::resource{"R1", 12});
    CHECK(p.resources[3] == rcpsp::resource{"R4", 12});
    CHECK(p.activities[1] == rcpsp::activity{"J2", 8, 0, {{0, 4}}});
    CHECK(p.activities[0].duration == 0);
    CHECK(p.activities[0].demands.empty());
    CHECK(p.arcs.size() == 48);
    CHECK(p.arcs.front() == rcpsp::arc{0, 1, 0});
    CHECK(p.arcs[3] == rcpsp::arc{1, 5, 8});  // J2 -> J6, finish-to-start after 8 days
    rcpsp::network net(p);
    CHECK(net.critical_path() == 38);  // MPM-Time in the file
    auto s = rcpsp::level(net);
    CHECK(s.span == 43);  // the proven optimum (tables.csv)
    CHECK(rcpsp::violations(p, s.start).empty());
}

TEST_CASE("levelling.psplib.tiny_instance_levels") {
    auto p = io::read_psplib(tiny_sm, "t.sm");
    rcpsp::network net(p);
    CHECK(net.critical_path() == 3);
    auto s = rcpsp::level(net);
    CHECK(s.span == 5);
    CHECK(s.start == std::vector<int>{0, 0, 3, 5});
    CHECK(s.delayed_by[2] == std::vector<std::size_t>{0});  // J3 waits for R1
    CHECK(s.delayed_by[3].empty());                         // the sink waits on its links alone
}

TEST_CASE("levelling.psplib.bad_input_names_file_line_and_column") {
    auto read = [](const std::string& text) { return io::read_psplib(text, "t.sm"); };
    CHECK_THROWS_WITH_AS(read(tiny_with("):  4", "):  x")), "t.sm:1:34: expected the number of jobs, found 'x'",
                         parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("):  4", "):  0")), "t.sm:1:34: the number of jobs 0 outside 1..100000",
                         parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("RESOURCEAVAILABILITIES:", "AVAILABILITIES:")),
                         "t.sm: no section 'RESOURCEAVAILABILITIES:'", parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("   3        1          1", "   4        1          1")),
                         "t.sm:10:4: expected job 3", parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("   2        1          1", "   2        2          1")),
                         "t.sm:9:13: only single-mode instances are supported", parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("nonrenewable              :  0", "nonrenewable              :  1")),
                         "t.sm:4:34: only renewable resources are supported (single-mode RCPSP)", parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("  2      1     3", "  2      1    -3")),
                         "t.sm:16:15: a duration -3 outside 0..100000", parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("1           4\n   3", "1           5\n   3")),
                         "t.sm:9:36: a successor 5 outside 1..4", parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("    3\n", "")), "t.sm:21:1: expected an availability, found the end of the file",
                         parse_error);
    CHECK_THROWS_WITH_AS(read(tiny_with("  3      1     2", "  3      1     \xff")),
                         "t.sm:17:16: expected a duration, found '?'", parse_error);
    CHECK_THROWS_WITH_AS(io::read_psplib(psplib_dir()), doctest::Contains("is a directory, not a regular file"),
                         parse_error);
}

TEST_CASE("levelling.validate.reports_every_problem_at_once") {
    auto p = io::read_psplib(tiny_with("  2      1     3       2", "  2      1     3       4"), "t.sm");
    p.activities[2].demands.push_back({0, 1});
    p.activities[3].duration = -1;
    p.arcs.push_back({3, 0, 0});
    auto problems = rcpsp::validate(p);
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].kind == problem_kind::invalid_value);
    CHECK(problems[0].ids == std::vector<std::string>{"J2", "R1"});
    CHECK(problems[1].kind == problem_kind::duplicate_id);
    CHECK(problems[2].kind == problem_kind::negative_duration);
    CHECK(problems[3].kind == problem_kind::cycle);
    CHECK(problems[3].ids == std::vector<std::string>{"J3", "J4", "J1"});
    CHECK_THROWS_WITH_AS(rcpsp::network{p},
                         "4 problems\n  J2: demand 4 on R1 above its capacity 3\n  J3: two demands on R1\n"
                         "  J4: negative duration\n  cycle: J3 -> J4 -> J1 -> J3",
                         invalid_model);
}

TEST_CASE("levelling.start_distance.reduces_the_four_link_types") {
    // From a 5-day activity to a 2-day one with a lag of 1.
    CHECK(rcpsp::start_distance(link_type::finish_to_start, 1, 5, 2) == 6);
    CHECK(rcpsp::start_distance(link_type::start_to_start, 1, 5, 2) == 1);
    CHECK(rcpsp::start_distance(link_type::finish_to_finish, 1, 5, 2) == 4);
    CHECK(rcpsp::start_distance(link_type::start_to_finish, 1, 5, 2) == -1);
}

TEST_CASE("levelling.property.random_projects_keep_every_arc_and_capacity") {
    std::mt19937_64 rng(12);
    for (std::uint64_t round = 0; round < 200; ++round) {
        auto p = random_project(rng);
        rcpsp::network net(p);
        auto budget = 1 + rng() % 300;
        auto s = rcpsp::level(net, {budget, round + 1});
        CAPTURE(round);
        CHECK(rcpsp::violations(p, s.start).empty());
        CHECK(s.span >= net.critical_path());
        CHECK(s.span >= net.lower_bound());
        CHECK(s.schedules <= budget);
        CHECK(s.span <= rcpsp::level(net, {1, 1}).span);  // the search keeps its first pass
        // A larger budget replays the same draws, then goes on: never a longer span.
        CHECK(rcpsp::level(net, {budget + 50, round + 1}).span <= s.span);
        auto again = rcpsp::level(net, {budget, round + 1});
        CHECK(again.start == s.start);
        CHECK(again.delayed_by == s.delayed_by);
        for (std::size_t i = 0; i < net.size(); ++i)
            if (s.start[i] < net.early_start()[i]) FAIL("activity ", i, " before its early start");
        for (auto rule : rcpsp::priority_rules) {  // every rule's list: each activity once, after its predecessors
            auto list = rcpsp::priority_list(net, rule);
            std::vector<std::size_t> at(net.size(), net.size());
            for (std::size_t k = 0; k < list.size(); ++k) at[list[k]] = k;
            CHECK(list.size() == net.size());
            for (const auto& a : p.arcs) CHECK(at[a.from] < at[a.to]);
        }
    }
}

TEST_CASE("levelling.options.a_budget_of_zero_still_makes_one_schedule") {
    auto s = rcpsp::level(io::read_psplib(tiny_sm, "t.sm"), {0, 1});
    CHECK(s.schedules == 1);
    CHECK(s.span == 5);
}

TEST_CASE("levelling.search.reaches_the_optimum_equal_to_the_critical_path") {
    // j30 instances whose optimum is the critical path (tables.csv), from five parameter classes.
    for (const char* name : {"j302_3", "j303_1", "j304_1", "j307_1", "j3011_2"}) {
        CAPTURE(name);
        rcpsp::network net(io::read_psplib(psplib_dir() / "j30" / (std::string(name) + ".sm")));
        auto s = rcpsp::level(net);
        CHECK(s.span == net.critical_path());
        CHECK(s.schedules < rcpsp::default_budget);  // it stopped at the bound
    }
}

TEST_CASE("levelling.delayed_by.names_the_full_resources_or_none") {
    // R1 holds one unit, R2 two. B (2 days, R1 and R2) then C (3 days, no demand, after B) must
    // go first, else C ends on day 9; A (4 days, R1) waits for B; D (after A) waits on its link;
    // E (1 day, both units of R2) waits for B to free R2. The optimum, 7, is unique.
    rcpsp::project p;
    p.resources = {{"R1", 1}, {"R2", 2}};
    p.activities = {{"A", 4, 0, {{0, 1}}},
                    {"B", 2, 0, {{0, 1}, {1, 1}}},
                    {"C", 3, 0, {}},
                    {"D", 1, 0, {}},
                    {"E", 1, 0, {{1, 2}}}};
    p.arcs = {{1, 2, 2}, {0, 3, 4}};
    rcpsp::network net(p);
    CHECK(net.early_start() == std::vector<int>{0, 0, 2, 4, 0});
    CHECK(net.lower_bound() == 6);  // R1 has 6 days of work
    auto s = rcpsp::level(net);
    CHECK(s.span == 7);
    CHECK(s.start == std::vector<int>{2, 0, 2, 6, 2});
    CHECK(s.delayed_by == std::vector<std::vector<std::size_t>>{{0}, {}, {}, {}, {1}});
}

TEST_CASE("levelling.profile.long_durations_cost_no_more_than_short_ones") {
    // Two 100,000-day activities on one unit: the profile has four breakpoints, not 200,000 days.
    rcpsp::project p;
    p.resources = {{"R", 1}};
    p.activities = {{"A", limits::max_duration, 0, {{0, 1}}}, {"B", limits::max_duration, 0, {{0, 1}}}};
    auto s = rcpsp::level(p);
    CHECK(s.span == 2 * limits::max_duration);
    CHECK(s.start == std::vector<int>{0, limits::max_duration});
    CHECK(s.delayed_by[1] == std::vector<std::size_t>{0});
}
