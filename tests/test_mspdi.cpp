// MSPDI import, and Microsoft Project's own computed dates and slack as an oracle.
#include <plangraph/io/mspdi.hpp>
#include <plangraph/level.hpp>
#include <plangraph/schedule.hpp>

#include <doctest/doctest.h>

#include "level_checks.hpp"
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
// The file is read with its resources, which change no task, link or date.
int compare_with_ms_project(const std::string& file, const std::vector<std::string>& skip = {}) {
    auto p = io::read_mspdi(oracle_dir() / file);
    auto network = io::read_mspdi(oracle_dir() / file, {.resources = false});
    CHECK(std::ranges::equal(p.tasks.tasks(), network.tasks.tasks()));
    CHECK(std::ranges::equal(p.tasks.links(), network.tasks.links()));
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
            CHECK(static_cast<double>(c.total_slack) / day == doctest::Approx(s.total_slack));
            CHECK(static_cast<double>(c.free_slack) / day == doctest::Approx(s.free_slack));
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
    // Its assignments are half and three quarters of a person: both resources in hundredths.
    auto p = io::read_mspdi(oracle_dir() / "sample.xml");
    CHECK(p.warnings == std::vector<std::string>{
                            "task 2 (Second Task): spans 50 working days but its Duration is 100 "
                            "(resource-driven or split): the span is used",
                            "resource 1 (First Resource): units read in hundredths of a person (MaxUnits 1 → capacity 100)",
                            "resource 2 (Second Resource): units read in hundredths of a person (MaxUnits 1 → capacity 100)"});
    CHECK(io::read_mspdi(oracle_dir() / "sample.xml", {.resources = false}).warnings == std::vector{p.warnings[0]});
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

// ---- hardening: what the reader refuses, and how it names it --------------------------------

namespace {

/// An MSPDI file of the given tasks (and project-level elements) on one line after the
/// declaration, as the reproducers in shared/bad-input are written: every task is on line 2.
std::string mspdi_text(const std::string& tasks, const std::string& project = "<MinutesPerDay>480</MinutesPerDay>") {
    return "<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\"><Name>adv</Name>"
           "<StartDate>2025-01-06T08:00:00</StartDate>" +
           project + "<CalendarUID>1</CalendarUID><Tasks>" + tasks + "</Tasks></Project>";
}

/// A task of one working day, with `extra` elements.
std::string mspdi_task(int uid, const std::string& extra = {}) {
    auto n = std::to_string(uid);
    return "<Task><UID>" + n + "</UID><ID>" + n + "</ID><Name>T" + n +
           "</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>"
           "<Start>2025-01-06T08:00:00</Start><Finish>2025-01-06T17:00:00</Finish>" +
           extra + "</Task>";
}

std::string link_from(int uid, const std::string& extra = "<Type>1</Type>") {
    return "<PredecessorLink><PredecessorUID>" + std::to_string(uid) + "</PredecessorUID>" + extra + "</PredecessorLink>";
}

/// The problems of an invalid_model, one message each with its place.
std::vector<std::string> problems_of(const std::filesystem::path& file) {
    try {
        io::read_mspdi(file);
    } catch (const invalid_model& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems()) out.push_back(to_string(p));
        return out;
    }
    return {};
}

}  // namespace

TEST_CASE("mspdi.guard.deep_nesting_refused_before_parsing") {
    plangraph::test::temp_dir dir;
    std::string deep = "<?xml version=\"1.0\"?>\n<Project>";
    for (int i = 0; i < 2000; ++i) deep += "<a>";
    for (int i = 0; i < 2000; ++i) deep += "</a>";
    dir.write("deep.xml", deep + "</Project>");
    CHECK_THROWS_WITH_AS(io::read_mspdi(dir.file("deep.xml")),
                         (dir.file("deep.xml") + ":2: XML nested deeper than 256 elements").c_str(), parse_error);
    // Depth is counted on elements only: comments, CDATA, attribute values and empty elements
    // that hold a '>' or '<' do not confuse the scan.
    // 256 deep is the limit itself; one empty element below it is one too many.
    std::string open = "<?xml version=\"1.0\"?>\n<Project><!-- <a><a> --><Name a=\"x>y\"><![CDATA[<b><b>]]></Name>";
    std::string close;
    for (int i = 0; i < 255; ++i) open += "<a/>\n<b>", close += "</b>";
    dir.write("fine.xml", open + close + "</Project>");
    CHECK(io::read_mspdi(dir.file("fine.xml")).tasks.tasks().empty());
    dir.write("edge.xml", open + "<c/>" + close + "</Project>");
    CHECK_THROWS_WITH_AS(io::read_mspdi(dir.file("edge.xml")),
                         (dir.file("edge.xml") + ":257: XML nested deeper than 256 elements").c_str(), parse_error);
}

TEST_CASE("mspdi.guard.invalid_utf8_refused_at_the_door") {
    plangraph::test::temp_dir dir;
    dir.write("bad.xml", mspdi_text(mspdi_task(1)) + "\n<!-- ok --><!-- d\xC3\xA9j\xC3\xA0 \xFF -->");
    CHECK_THROWS_WITH_AS(io::read_mspdi(dir.file("bad.xml")), (dir.file("bad.xml") + ":3:22: not valid UTF-8").c_str(),
                         parse_error);
    CHECK_THROWS_WITH_AS(io::read_mspdi(dir.path), (dir.str() + ": not a regular file").c_str(), parse_error);
    CHECK_THROWS_WITH_AS(io::read_mspdi(dir.path / "none.xml"), (dir.file("none.xml") + ": no such file").c_str(), parse_error);
}

TEST_CASE("mspdi.values.read_right") {
    plangraph::test::temp_dir dir;
    // LinkLag is in tenths of a minute and may be written as a decimal: 48000.0 = 10 days of 480 min.
    dir.write("lag.xml", mspdi_text(mspdi_task(1) + mspdi_task(2, link_from(1, "<Type>1</Type><LinkLag>48000.0</LinkLag>"))));
    auto lag = io::read_mspdi(dir.file("lag.xml"));
    REQUIRE(lag.tasks.links().size() == 1);
    CHECK(lag.tasks.links()[0].lag == 10);
    auto r = schedule(lag.tasks, {.start = lag.start});
    CHECK(format_date(r.tasks[1].early_start) == "2025-01-21");
    // xsd booleans in both spellings; an inactive task is cancelled, a blank row (IsNull) skipped.
    dir.write("bool.xml", mspdi_text(mspdi_task(1, "<Active>false</Active>") + mspdi_task(2, "<Active>1</Active>") +
                                     mspdi_task(3, "<IsNull>true</IsNull>") + mspdi_task(4, "<Active>0</Active>")));
    auto b = io::read_mspdi(dir.file("bool.xml"));
    REQUIRE(b.tasks.tasks().size() == 3);
    CHECK(b.tasks.tasks()[0].cancelled);
    CHECK_FALSE(b.tasks.tasks()[1].cancelled);
    CHECK(b.tasks.tasks()[2].key == "4");
    CHECK(b.tasks.tasks()[2].cancelled);
    // Link type codes as the MSPDI schema numbers them (PjTaskLinkType): 0 FF, 1 FS, 2 SF, 3 SS.
    std::string linked = mspdi_task(1);
    for (int type = 0; type < 4; ++type)
        linked += mspdi_task(type + 2, link_from(1, "<Type>" + std::to_string(type) + "</Type>"));
    dir.write("types.xml", mspdi_text(linked));
    auto t = io::read_mspdi(dir.file("types.xml"));
    REQUIRE(t.tasks.links().size() == 4);
    CHECK(t.tasks.links()[0].type == link_type::finish_to_finish);
    CHECK(t.tasks.links()[1].type == link_type::finish_to_start);
    CHECK(t.tasks.links()[2].type == link_type::start_to_finish);
    CHECK(t.tasks.links()[3].type == link_type::start_to_start);
    // Numbers with XML white space around them and a leading '+' are xsd numbers too.
    dir.write("space.xml", mspdi_text(mspdi_task(1, "<PercentComplete> +50.5 </PercentComplete>"), "<MinutesPerDay> 480\n</MinutesPerDay>"));
    CHECK(io::read_mspdi(dir.file("space.xml")).tasks.tasks()[0].percent == 50.5);
}

TEST_CASE("mspdi.values.unconvertible_refused_by_name") {
    plangraph::test::temp_dir dir;
    auto refused = [&](const std::string& text, const std::string& message) {
        dir.write("x.xml", text);
        CHECK_THROWS_WITH_AS(io::read_mspdi(dir.file("x.xml")), (dir.file("x.xml") + message).c_str(), parse_error);
    };
    refused(mspdi_text(mspdi_task(1) + mspdi_task(2, link_from(1, "<Type>SS</Type>"))),
            ":2: task 2 (T2), link from 1: unreadable Type 'SS'");
    refused(mspdi_text(mspdi_task(1, "<Active>no</Active>")), ":2: task 1 (T1): unreadable Active 'no'");
    refused(mspdi_text(mspdi_task(1, "<IsNull>yes</IsNull>")), ":2: task 1 (T1): unreadable IsNull 'yes'");
    refused(mspdi_text(mspdi_task(1, "<Milestone>2</Milestone>")), ":2: task 1 (T1): unreadable Milestone '2'");
    refused(mspdi_text(mspdi_task(1, "<Summary>True</Summary>")), ":2: task 1 (T1): unreadable Summary 'True'");
    refused(mspdi_text("<Task><UID>1</UID><Name>T1</Name><OutlineLevel>abc</OutlineLevel></Task>"),
            ":2: task 1 (T1): unreadable OutlineLevel 'abc'");
    refused(mspdi_text(mspdi_task(1, "<PercentComplete>fifty</PercentComplete>")),
            ":2: task 1 (T1): unreadable PercentComplete 'fifty'");
    refused(mspdi_text(mspdi_task(1, "<PercentComplete>nan</PercentComplete>")),
            ":2: task 1 (T1): unreadable PercentComplete 'nan'");
    refused(mspdi_text(mspdi_task(1), "<MinutesPerDay>abc</MinutesPerDay>"), ": project: unreadable MinutesPerDay 'abc'");
    refused(mspdi_text(mspdi_task(2) + mspdi_task(3, link_from(2, "<LinkLag>1e</LinkLag>"))),
            ":2: task 3 (T3), link from 2: unreadable LinkLag '1e'");
    // What a bare std::stoi / std::stod used to say on its own.
    refused(mspdi_text("<Task><UID>1</UID><Name>T1</Name><Start>2025-01-06T08:00:00</Start>"
                       "<Finish>2025-01-06Txx:00:00</Finish></Task>"),
            ":2: task 1 (T1): unreadable Finish '2025-01-06Txx:00:00'");
    refused(mspdi_text("<Task><UID>1</UID><Name>T1</Name><Duration>PT-H</Duration></Task>"),
            ":2: task 1 (T1): unreadable Duration 'PT-H'");
    refused(mspdi_text("<Task><UID>1</UID><Name>T1</Name><Duration>PT" + std::string(400, '9') + "</Duration></Task>"),
            ":2: task 1 (T1): unreadable Duration 'PT99999999999999999999999999999999999999...'");
}

TEST_CASE("mspdi.values.out_of_bounds_are_model_problems") {
    plangraph::test::temp_dir dir;
    const auto file = dir.file("x.xml");
    // A huge duration is refused before any conversion to int (no float->int overflow).
    dir.write("x.xml", mspdi_text("<Task><UID>1</UID><Name>T1</Name><Duration>PT99999999999999999999H</Duration></Task>"
                                  "<Task><UID>2</UID><Name>T2</Name><Duration>PT" + std::string(400, '9') + "H</Duration></Task>"));
    CHECK(problems_of(file) == std::vector<std::string>{file + ":2: task 1 (T1): Duration is longer than 100000 working days",
                                                        file + ":2: task 2 (T2): Duration is longer than 100000 working days"});
    // 2^28 working days of lag, and one past the limit by a tenth of a minute.
    dir.write("x.xml", mspdi_text(mspdi_task(1) + mspdi_task(2, link_from(1, "<LinkLag>1288490188800</LinkLag>")) +
                                  mspdi_task(3, link_from(1, "<LinkLag>-480000001</LinkLag>")) +
                                  mspdi_task(4, link_from(1, "<LinkLag>-480000000</LinkLag>"))));
    CHECK(problems_of(file) == std::vector<std::string>{
                                   file + ":2: task 2 (T2), link from 1: LinkLag is more than 100000 working days either way",
                                   file + ":2: task 3 (T3), link from 1: LinkLag is more than 100000 working days either way"});
    dir.write("x.xml", mspdi_text(mspdi_task(1, "<ConstraintType>9</ConstraintType><ConstraintDate>2025-02-03T08:00:00</ConstraintDate>") +
                                  mspdi_task(2, "<Deadline>1400-01-02T17:00:00</Deadline>") +
                                  mspdi_task(3, link_from(1, "<Type>4</Type>")) +
                                  mspdi_task(4, "<PercentComplete>150</PercentComplete>") +
                                  "<Task><UID>5</UID><Name>T5</Name><OutlineLevel>-1</OutlineLevel></Task>",
                                  "<MinutesPerDay>0</MinutesPerDay>"));
    CHECK(problems_of(file) == std::vector<std::string>{
                                   file + ": project: MinutesPerDay 0 is outside 1..1440",
                                   file + ":2: task 1 (T1): ConstraintType 9 is outside 0..7",
                                   file + ":2: task 2 (T2): Deadline 1400-01-02 is outside 1900-01-01..2199-12-31",
                                   file + ":2: task 3 (T3), link from 1: Type 4 is outside 0..3",
                                   file + ":2: task 5 (T5): OutlineLevel -1 is outside 0..2147483647",
                                   file + ":2: task 4: percent 150 is outside 0-100"});
}

TEST_CASE("mspdi.model.cycles_duplicates_and_unknown_predecessors_are_invalid_models") {
    plangraph::test::temp_dir dir;
    const auto file = dir.file("x.xml");
    dir.write("x.xml", "<?xml version=\"1.0\"?>\n<Project><Tasks>\n" + mspdi_task(1, link_from(2)) + "\n" +
                           mspdi_task(2, link_from(1)) + "\n" + mspdi_task(2) + "\n" + mspdi_task(3, link_from(9)) +
                           "\n</Tasks></Project>");
    CHECK(problems_of(file) == std::vector<std::string>{file + ":6: link 9 -> 3: PredecessorUID 9 is not a task of the file",
                                                        file + ":5: duplicate task id 2 (first on line 4)",
                                                        file + ":3: dependency cycle: 1 -> 2 -> 1"});
}

TEST_CASE("mspdi.calendar.exceptions_in_any_order") {
    plangraph::test::temp_dir dir;
    // Exception periods newest first, overlapping: a later period wins on the days it covers
    // (Project lists them in any order; the import decides each day once).
    auto exception = [](const std::string& from, const std::string& to, bool working) {
        return "<Exception><TimePeriod><FromDate>" + from + "T00:00:00</FromDate><ToDate>" + to +
               "T23:59:00</ToDate></TimePeriod><Type>1</Type><DayWorking>" + (working ? "1" : "0") + "</DayWorking></Exception>";
    };
    std::string exceptions;
    for (int year = 2199; year >= 1900; --year)
        exceptions += exception(std::to_string(year) + "-12-25", std::to_string(year) + "-12-26", false);
    exceptions += exception("2025-12-26", "2025-12-27", true);  // overrides 26 Dec 2025, adds the 27th
    dir.write("cal.xml", mspdi_text(mspdi_task(1), "<Calendars><Calendar><UID>1</UID><Exceptions>" + exceptions +
                                                       "</Exceptions></Calendar></Calendars>"));
    auto p = io::read_mspdi(dir.file("cal.xml"));
    const auto& ex = p.tasks.calendar().exceptions();
    REQUIRE(ex.size() == 601);
    CHECK(std::is_sorted(ex.begin(), ex.end()));
    CHECK(ex.front() == std::pair{date(1900, 12, 25), false});
    CHECK(ex.back() == std::pair{date(2199, 12, 26), false});
    CHECK_FALSE(p.tasks.calendar().is_working(date(2025, 12, 25)));
    CHECK(p.tasks.calendar().is_working(date(2025, 12, 26)));
    CHECK(p.tasks.calendar().is_working(date(2025, 12, 27)));  // a Saturday made working
    CHECK_FALSE(p.tasks.calendar().is_working(date(2024, 12, 26)));
}

TEST_CASE("mspdi.spans.long_spans_counted_on_one_table") {
    plangraph::test::temp_dir dir;
    // Tasks spanning three centuries: the span is counted, not walked day by day per task.
    std::string tasks;
    for (int i = 1; i <= 200; ++i)
        tasks += "<Task><UID>" + std::to_string(i) + "</UID><Name>t</Name><OutlineLevel>1</OutlineLevel>"
                 "<Duration>PT8H0M0S</Duration><Start>1900-01-01T08:00:00</Start><Finish>2199-12-31T17:00:00</Finish></Task>";
    dir.write("span.xml", mspdi_text(tasks));
    auto p = io::read_mspdi(dir.file("span.xml"));
    REQUIRE(p.tasks.tasks().size() == 200);
    CHECK(p.tasks.tasks()[199].duration == 78'267);  // Monday to Friday from 1900 to 2199
    CHECK(p.warnings.size() == 200);
}

TEST_CASE("mspdi.export.deep_outline_is_linear") {
    // A 3,000-deep chain of sub-tasks: every task's output is bounded, whatever its depth
    // (an outline number "1.1.1..." per task would make it quadratic: 18 MB here).
    model m;
    auto u = m.add_unit({.key = "A", .name = "r"});
    task_id parent = no_id<task_id>;
    for (int i = 0; i < 3000; ++i)
        parent = m.add_task({.key = "T" + std::to_string(i), .name = "x", .unit = u, .parent = parent,
                             .start = i == 0 ? std::optional(date(2025, 1, 6)) : std::nullopt, .duration = 1});
    auto text = io::write_mspdi(m, schedule(m));
    CHECK(text.size() < 3000 * 1200);
    CHECK(text.find("<OutlineLevel>3000</OutlineLevel>") != std::string::npos);
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
                         "/nonexistent/plan.xml: no such file", parse_error);
}

// ---- resources and assignments ---------------------------------------------------------------

namespace {

/// A project of four working-day tasks under a summary, a milestone, the given resources and
/// assignments, each element on its own line: tasks from line 3, as numbered in the comments.
std::string staffed(const std::string& resources, const std::string& assignments) {
    return "<?xml version=\"1.0\"?>\n"
           "<Project xmlns=\"http://schemas.microsoft.com/project\"><StartDate>2025-01-06T08:00:00</StartDate><Tasks>\n"
           "<Task><UID>1</UID><Name>Phase</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>\n"      // 3
           "<Task><UID>2</UID><Name>Survey</Name><OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration></Task>\n"  // 4
           "<Task><UID>3</UID><Name>Report</Name><OutlineLevel>2</OutlineLevel><Duration>PT24H0M0S</Duration></Task>\n"  // 5
           "<Task><UID>4</UID><Name>Install</Name><OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration></Task>\n"  // 6
           "<Task><UID>5</UID><Name>Train</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration></Task>\n"  // 7
           "<Task><UID>6</UID><Name>Done</Name><OutlineLevel>1</OutlineLevel><Duration>PT0H0M0S</Duration>"
           "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>\n"  // 8
           "</Tasks><Resources>\n" +
           resources + "</Resources><Assignments>\n" + assignments + "</Assignments></Project>\n";
}

std::string resource_xml(const std::string& uid, const std::string& name, const std::string& extra = {}) {
    return "<Resource><UID>" + uid + "</UID><Name>" + name + "</Name>" + extra + "</Resource>\n";
}

std::string assignment_xml(int uid, const std::string& task, const std::string& res, const std::string& units = "1") {
    return "<Assignment><UID>" + std::to_string(uid) + "</UID><TaskUID>" + task + "</TaskUID><ResourceUID>" + res +
           "</ResourceUID><Units>" + units + "</Units></Assignment>\n";
}

/// MS Project's null resource, a clerk (one person), an IT team of two and a material.
const std::string staff = "<Resource><UID>0</UID><Type>1</Type><MaxUnits>1.00</MaxUnits></Resource>\n" +  // 10
                          resource_xml("1", "Clerk", "<Type>1</Type><MaxUnits>1.00</MaxUnits>") +         // 11
                          resource_xml("2", "IT team", "<Type>1</Type><MaxUnits>2</MaxUnits>") +          // 12
                          resource_xml("3", "Cable", "<Type>0</Type><MaxUnits>7.5</MaxUnits>");          // 13

}  // namespace

TEST_CASE("mspdi.resources.read_as_capacities_and_demands_and_levelled") {
    plangraph::test::temp_dir dir;
    // The clerk surveys and reports (2 + 3 days, one after the other); the team installs with both
    // people, then trains with one. The material and the null resource (-65535) are left out.
    dir.write("staff.xml", staffed(staff, assignment_xml(1, "2", "1") + assignment_xml(2, "3", "1", "1.00") +
                                              assignment_xml(3, "4", "2", "2") + assignment_xml(4, "5", "2") +
                                              assignment_xml(5, "4", "3", "40") + assignment_xml(6, "6", "-65535")));
    auto p = io::read_mspdi(dir.file("staff.xml"));
    const auto& m = p.tasks;
    REQUIRE(m.resources().size() == 2);
    CHECK(m.resources()[0] == resource{.key = "1", .name = "Clerk", .capacity = 1});
    CHECK(m.resources()[1] == resource{.key = "2", .name = "IT team", .capacity = 2});
    auto task = [&](const char* uid) { return *m.find_task(uid); };
    auto res = [&](const char* uid) { return *m.find_resource(uid); };
    CHECK(std::ranges::equal(m.demands(), std::vector<demand>{{task("2"), res("1"), 1}, {task("3"), res("1"), 1},
                                                              {task("4"), res("2"), 2}, {task("5"), res("2"), 1}}));
    CHECK(p.warnings == std::vector<std::string>{"resource 3 (Cable): material resource, not a capacity: skipped with its assignments"});

    auto cpm = schedule(m, {.start = p.start});
    CHECK(cpm.days.count(cpm.start, cpm.finish) == 3);  // the critical path: Report, 3 days
    auto l = level(m, cpm);
    plangraph::test::check_links(m, cpm, l);
    plangraph::test::check_capacity(m, cpm, l);
    CHECK(l.span == 5);  // the clerk's five days
    const auto& survey = l.tasks[index(task("2"))];
    const auto& report = l.tasks[index(task("3"))];
    const auto& train = l.tasks[index(task("5"))];
    CHECK((survey.start_moment >= report.finish_moment || report.start_moment >= survey.finish_moment));
    CHECK(train.start_moment >= l.tasks[index(task("4"))].finish_moment);
    CHECK(train.delayed_by == std::vector{res("2")});
    CHECK(format_date(l.tasks[index(task("6"))].finish) == "2025-01-10");  // the milestone after the phase
}

TEST_CASE("mspdi.resources.oracle_file_with_assignments") {
    if (!oracle_present()) return;
    // Project 2003: three people of 100 %, each on one of three tasks of ten days.
    auto p = io::read_mspdi(oracle_dir() / "assignment-assignments-project2003-mspdi.xml");
    const auto& m = p.tasks;
    REQUIRE(m.resources().size() == 3);
    REQUIRE(m.demands().size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        INFO("resource " << i + 1);
        CHECK(m.resources()[i] == resource{.key = std::to_string(i + 1), .name = "Resource " + std::to_string(i + 1), .capacity = 1});
        CHECK(m[m.demands()[i].task].key == std::to_string(i + 1));
        CHECK(index(m.demands()[i].resource) == i);
        CHECK(m.demands()[i].amount == 1);
    }
    auto cpm = schedule(m, {.start = p.start});
    auto l = level(m, cpm);
    plangraph::test::check_capacity(m, cpm, l);
    CHECK(l.span == cpm.days.count(cpm.start, cpm.finish));  // nobody is shared: nothing moves
    // Files whose assignments are all to the null resource have no resources.
    auto links = io::read_mspdi(oracle_dir() / "task-links-project2010-mspdi.xml");
    CHECK(links.tasks.resources().empty());
    CHECK(links.tasks.demands().empty());
}

TEST_CASE("mspdi.resources.ms_project_units_repaired_with_warnings") {
    plangraph::test::temp_dir dir;
    // MS Project accepts all of these; each repair is said. A driver of 1.5 people.
    dir.write("staff.xml", staffed(staff + resource_xml("4", "Driver", "<MaxUnits>1.5</MaxUnits>"),
                                   assignment_xml(1, "2", "1", "0.5") +      // half a clerk: the clerk in hundredths
                                       assignment_xml(2, "3", "1", "3") +    // 300 of the clerk's 100
                                       assignment_xml(3, "1", "2") +         // the summary
                                       assignment_xml(4, "6", "2") +         // the milestone
                                       assignment_xml(5, "4", "2", "3") +    // 3 of the team's 2
                                       assignment_xml(6, "5", "4") +         // one driver: 100 of 150
                                       assignment_xml(7, "4", "4", "0.333")));  // 33 of 150
    auto p = io::read_mspdi(dir.file("staff.xml"));
    const auto& m = p.tasks;
    CHECK(std::ranges::equal(m.resources(), std::vector<resource>{{.key = "1", .name = "Clerk", .capacity = 100},
                                                                  {.key = "2", .name = "IT team", .capacity = 2},
                                                                  {.key = "4", .name = "Driver", .capacity = 150}}));
    auto task = [&](const char* uid) { return *m.find_task(uid); };
    auto res = [&](const char* uid) { return *m.find_resource(uid); };
    CHECK(std::ranges::equal(m.demands(), std::vector<demand>{{task("2"), res("1"), 50}, {task("3"), res("1"), 100},
                                                              {task("4"), res("2"), 2}, {task("5"), res("4"), 100},
                                                              {task("4"), res("4"), 33}}));
    CHECK(p.warnings == std::vector<std::string>{
                            "resource 3 (Cable): material resource, not a capacity: skipped with its assignments",
                            "assignment 3 (task 1, resource 2): task 1 is a summary task, which demands nothing: left out",
                            "assignment 4 (task 6, resource 2): task 6 is a milestone, which demands nothing: left out",
                            "resource 1 (Clerk): units read in hundredths of a person (MaxUnits 1 → capacity 100)",
                            "resource 4 (Driver): units read in hundredths of a person (MaxUnits 1.5 → capacity 150)",
                            "assignment 2 (task 3, resource 1): amount 300 is above the capacity 100 of resource 1: cut to 100 (overallocated)",
                            "assignment 5 (task 4, resource 2): amount 3 is above the capacity 2 of resource 2: cut to 2 (overallocated)"});
    // The repaired demands level: the clerk's two tasks (50 + 100 > 100) one after the other.
    auto cpm = schedule(m, {.start = p.start});
    auto l = level(m, cpm);
    plangraph::test::check_links(m, cpm, l);
    plangraph::test::check_capacity(m, cpm, l);
    CHECK(l.span == 5);
}

TEST_CASE("mspdi.resources.bad_assignments_reported_together_with_their_lines") {
    plangraph::test::temp_dir dir;
    const auto file = dir.file("x.xml");
    dir.write("x.xml", staffed(staff + resource_xml("4", "Driver", "<MaxUnits>1.5</MaxUnits>") +  // 14
                                   resource_xml("5", "Guard", "<MaxUnits>-1</MaxUnits>"),         // 15
                               assignment_xml(1, "2", "1", "0.5") +      // 17: repaired, no problem
                                   assignment_xml(2, "3", "4", "-0.5") +  // 18: negative, not scaled
                                   assignment_xml(5, "4", "9") +         // 19: no resource 9
                                   assignment_xml(6, "7", "2") +         // 20: no task 7
                                   assignment_xml(7, "5", "2", "-1") +   // 21
                                   assignment_xml(8, "4", "2") + assignment_xml(9, "4", "2")));  // 22, 23
    CHECK(problems_of(file) == std::vector<std::string>{
                                   file + ":19: assignment 5 (task 4, resource 9): ResourceUID 9 is not a resource of the file",
                                   file + ":20: assignment 6 (task 7, resource 2): TaskUID 7 is not a task of the file",
                                   file + ":15: resource 5: capacity is negative (-1)",
                                   file + ":18: demand of task 3 on resource 4: amount is negative (-0.5)",
                                   file + ":21: demand of task 5 on resource 2: amount is negative (-1)",
                                   file + ":23: demand of task 4 on resource 2 listed twice (first on line 22)"});
    // Values that are not numbers are refused by name, as a task's are.
    dir.write("x.xml", staffed(resource_xml("1", "Clerk", "<MaxUnits>one</MaxUnits>"), ""));
    CHECK_THROWS_WITH_AS(io::read_mspdi(file), (file + ":10: resource 1 (Clerk): unreadable MaxUnits 'one'").c_str(), parse_error);
    dir.write("x.xml", staffed(staff, assignment_xml(1, "2", "1", "50%")));
    CHECK_THROWS_WITH_AS(io::read_mspdi(file), (file + ":15: assignment 1 (task 2, resource 1): unreadable Units '50%'").c_str(),
                         parse_error);
}

TEST_CASE("mspdi.resources.ms_project_files_load_with_their_resources") {
    if (!oracle_present()) return;
    // sample.xml: task 2 has half of resource 1 and three quarters of resource 2.
    auto sample = io::read_mspdi(oracle_dir() / "sample.xml");
    const auto& m = sample.tasks;
    CHECK(std::ranges::equal(m.resources(), std::vector<resource>{{.key = "1", .name = "First Resource", .capacity = 100},
                                                                  {.key = "2", .name = "Second Resource", .capacity = 100}}));
    const auto two = *m.find_task("2");
    CHECK(std::ranges::equal(m.demands(), std::vector<demand>{{two, *m.find_resource("1"), 50}, {two, *m.find_resource("2"), 75}}));
    CHECK(io::read_mspdi(oracle_dir() / "sample.xml", {.resources = false}).tasks.resources().empty());

    // mspditimephased.xml: 41 people of MaxUnits 1; tasks 1–24 at 100 %, 25–32 at 50 %, 33–42
    // (resources 33–40) at 150 %, an overallocation MS Project shows and plangraph cuts.
    auto timephased = io::read_mspdi(oracle_dir() / "mspditimephased.xml");
    const auto& t = timephased.tasks;
    REQUIRE(t.resources().size() == 41);
    REQUIRE(t.demands().size() == 40);
    for (std::size_t i = 0; i < 41; ++i) {
        INFO("resource " << i + 1);
        CHECK(t.resources()[i].capacity == (i >= 24 && i < 40 ? 100 : 1));
    }
    for (const auto& d : t.demands()) {
        const auto r = index(d.resource);
        INFO("resource " << r + 1);
        CHECK(d.amount == (r < 24 ? 1 : r < 32 ? 50 : 100));
    }
    std::vector<std::string> repairs;
    for (const auto& w : timephased.warnings)
        if (w.starts_with("resource ") || w.starts_with("assignment ")) repairs.push_back(w);
    REQUIRE(repairs.size() == 24);
    CHECK(repairs.front() == "resource 25 (Resource 25): units read in hundredths of a person (MaxUnits 1 → capacity 100)");
    CHECK(repairs[16] == "assignment 74 (task 33, resource 33): amount 150 is above the capacity 100 of resource 33: cut to 100 (overallocated)");
    CHECK(repairs.back() == "assignment 92 (task 42, resource 40): amount 150 is above the capacity 100 of resource 40: cut to 100 (overallocated)");
    auto cpm = schedule(t, {.start = timephased.start});
    auto l = level(t, cpm);
    plangraph::test::check_capacity(t, cpm, l);
    CHECK(l.span == cpm.days.count(cpm.start, cpm.finish));  // one person to a task: nothing moves
}
