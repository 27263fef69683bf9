// MSPDI import, and Microsoft Project's own computed dates and slack as an oracle.
#include <plangraph/io/mspdi.hpp>
#include <plangraph/schedule.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace plangraph;

namespace {

std::filesystem::path oracle_dir() { return std::filesystem::path(PLANGRAPH_SHARED_DIR) / "oracle" / "mspdi"; }

// Compares every task the import marks exact (leaves and summaries) with MS Project's values in
// working-day moments; late dates and slack only when the project finishes where MS Project
// says (a task we cannot model may set the finish). Returns how many tasks were compared.
int compare_with_ms_project(const std::string& file, const std::vector<std::string>& skip = {}) {
    auto p = io::read_mspdi(oracle_dir() / file);
    auto r = schedule(p.tasks, {.start = p.start});
    const double day = p.minutes_per_day * 10.0;
    bool same_finish = io::mspdi_moment(r.days, p.finish_stamp) == r.finish_moment;
    int compared = 0;
    for (std::size_t i = 0; i < p.computed.size(); ++i) {
        const auto& key = p.tasks.tasks()[i].key;
        if (!p.exact[i] || std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
        const auto& c = p.computed[i];
        const auto& s = r.tasks[i];
        INFO(file, " task UID ", key);
        CHECK(io::mspdi_moment(r.days, c.early_start) == s.early_start_moment);
        CHECK(io::mspdi_moment(r.days, c.early_finish) == s.early_finish_moment);
        if (same_finish) {
            CHECK(io::mspdi_moment(r.days, c.late_start) == s.late_start_moment);
            CHECK(io::mspdi_moment(r.days, c.late_finish) == s.late_finish_moment);
            CHECK(c.total_slack / day == doctest::Approx(s.total_slack));
            CHECK(c.free_slack / day == doctest::Approx(s.free_slack));
            CHECK(c.critical == s.critical);
        }
        ++compared;
    }
    return compared;
}

bool oracle_present() {
    if (std::filesystem::exists(oracle_dir())) return true;
    MESSAGE("no MSPDI oracle at " << oracle_dir().string() << ": skipped");
    return false;
}

}  // namespace

TEST_CASE("mspdi.oracle.link_types_and_lags") {
    if (!oracle_present()) return;
    CHECK(compare_with_ms_project("task-links-project2003-mspdi.xml") == 16);
    CHECK(compare_with_ms_project("task-links-project2010-mspdi.xml") == 16);
}

TEST_CASE("mspdi.oracle.sample_outline_milestone_negative_lag") {
    if (!oracle_present()) return;
    // UID 2 is resource-driven: the import uses its span and says so (not exact, not compared).
    auto p = io::read_mspdi(oracle_dir() / "sample.xml");
    REQUIRE(p.warnings.size() == 1);
    CHECK(p.warnings[0] == "task 2 (Second Task): spans 50 working days but its Duration is 100 "
                           "(resource-driven or split): the span is used");
    CHECK(compare_with_ms_project("sample.xml") == 18);
}

TEST_CASE("mspdi.oracle.durations_in_whole_working_days") {
    if (!oracle_present()) return;
    // Only the d, w and mo tasks are whole working days; early dates compare, while the elapsed
    // tasks (reported) set MS Project's finish, so late dates are not compared here.
    CHECK(compare_with_ms_project("mspdiduration.xml") == 3);
    auto p = io::read_mspdi(oracle_dir() / "mspdiduration.xml");
    CHECK(std::count_if(p.warnings.begin(), p.warnings.end(), [](const std::string& w) {
              return w.find("elapsed duration") != std::string::npos;
          }) == 5);
}

TEST_CASE("mspdi.import.reports_what_it_does_not_model") {
    if (!oracle_present()) return;
    auto manual = io::read_mspdi(oracle_dir() / "task-links-project2016-mspdi.xml");
    CHECK(manual.warnings.size() == 16);
    CHECK(manual.warnings[0] == "task 1 (Task 1): manually scheduled: scheduled here as automatic");
    auto split = io::read_mspdi(oracle_dir() / "mspdisplittask.xml");
    CHECK(split.warnings.at(0) == "task 1 (Split Task 1): spans 13 working days but its Duration is 10 "
                                  "(resource-driven or split): the span is used");
    auto cal = io::read_mspdi(oracle_dir() / "caltest.xml");
    CHECK(cal.warnings.at(0) == "task 3 (Task Two): task calendar not modelled: uses the project calendar");
}

TEST_CASE("mspdi.import.structure_links_and_errors") {
    plangraph::test::temp_dir scratch;
    const auto& dir = scratch.path;
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    };
    auto good = write("good.xml", R"(<?xml version="1.0"?>
<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-01-06T08:00:00</StartDate>
<MinutesPerDay>480</MinutesPerDay><CalendarUID>1</CalendarUID>
<Calendars><Calendar><UID>1</UID><Name>Standard</Name><BaseCalendarUID>-1</BaseCalendarUID>
<WeekDays><WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
<WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2025-01-08T00:00:00</FromDate><ToDate>2025-01-08T23:59:00</ToDate></TimePeriod></WeekDay>
</WeekDays></Calendar></Calendars>
<Tasks><Task><UID>0</UID><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
<Task><UID>1</UID><Name>Phase</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary><Deadline>2025-01-31T17:00:00</Deadline></Task>
<Task><UID>2</UID><Name>Dig</Name><OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration></Task>
<Task><UID>3</UID><Name>Pour</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration><ConstraintType>4</ConstraintType><ConstraintDate>2025-01-06T08:00:00</ConstraintDate>
<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>3</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
<Task><UID>4</UID><IsNull>1</IsNull></Task>
<Task><UID>5</UID><Name>Odd</Name><OutlineLevel>1</OutlineLevel><Duration>PT4H0M0S</Duration></Task>
</Tasks></Project>)");
    auto p = io::read_mspdi(good);
    REQUIRE(p.tasks.tasks().size() == 4);
    const auto& ts = p.tasks.tasks();
    CHECK(ts[1].parent == make_id<task_id>(0));
    CHECK(is_none(ts[3].parent));
    CHECK(ts[1].duration == 2);
    CHECK(ts[0].due == date(2025, 1, 31));
    CHECK(ts[2].constraint.kind == constraint_kind::start_no_earlier_than);
    REQUIRE(p.tasks.links().size() == 1);
    CHECK(p.tasks.links()[0].type == link_type::start_to_start);
    CHECK(p.tasks.links()[0].lag == 1);
    CHECK_FALSE(p.tasks.calendar().is_working(date(2025, 1, 8)));
    REQUIRE(p.warnings.size() == 1);
    CHECK(p.warnings[0] == "task 5 (Odd): duration of 4.000000 h is not a whole number of working days: rounded up");
    auto r = schedule(p.tasks, {.start = p.start});
    CHECK(format_date(r.tasks[2].early_start) == "2025-01-07");  // SS+1 from Monday

    auto bad = write("bad.xml", "<Project><Tasks><Task>");
    CHECK_THROWS_AS(io::read_mspdi(bad), parse_error);
    auto other = write("other.xml", "<?xml version=\"1.0\"?><Workbook/>");
    CHECK_THROWS_WITH_AS(io::read_mspdi(other), (other.string() + ": not an MSPDI file: no <Project> element").c_str(),
                         parse_error);
    std::filesystem::remove_all(dir);
}

TEST_CASE("mspdi.parse_in_memory") {
    // parse_mspdi reads text as read_mspdi reads the file holding it, and names the source it is given.
    auto file = oracle_dir() / "sample.xml";
    auto from_text = io::parse_mspdi(test::slurp(file), "sample.xml");
    auto from_file = io::read_mspdi(file);
    CHECK(std::ranges::equal(from_text.tasks.tasks(), from_file.tasks.tasks()));
    CHECK(std::ranges::equal(from_text.tasks.links(), from_file.tasks.links()));
    CHECK(from_text.warnings == from_file.warnings);
    CHECK(from_text.start == from_file.start);
    CHECK_THROWS_WITH_AS(io::parse_mspdi("<Workbook/>", "book.xml"), "book.xml: not an MSPDI file: no <Project> element",
                         parse_error);
    CHECK_THROWS_WITH_AS(io::read_mspdi("/nonexistent/plan.xml"),
                         "/nonexistent/plan.xml: not readable as XML: cannot open file", parse_error);
}
