// The dated hierarchy (DESIGN.md, "Units over time"): units with valid_from/valid_to and
// successions, read and written back, every rule of succession.hpp with its exact message and
// place; placement on the map of a date and every rollup on it, against an oracle that walks each
// task's chain as DESIGN words it.
#include "support.hpp"

#include <plangraph/plangraph.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/json.hpp>
#include <plangraph/rollup_bgl.hpp>
#include <plangraph/rollup_parallel.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace plangraph;
using plangraph::test::temp_dir;

namespace {

date d(const char* s) { return *parse_date(s); }

/// The messages of a directory's problems, "file:line:col: message" with the directory cut off.
std::vector<std::string> problems_of(const temp_dir& dir) {
    std::vector<std::string> out;
    for (const auto& p : validate(read_model_dir(dir.path))) {
        auto s = to_string(p);
        auto cut = s.find(dir.path.string());
        if (cut != std::string::npos) s.erase(cut, dir.path.string().size() + 1);
        out.push_back(s);
    }
    return out;
}

// A province P formed on 2025-07-01 from A and B; B's commune b2 split between p1 and p2.
const char* merger_units =
    "id,parent,name,valid_from,valid_to\n"
    "VN,,Nation,,\n"
    "A,VN,Old A,,2025-06-30\n"
    "B,VN,Old B,,2025-06-30\n"
    "a1,A,Commune a1,,2025-06-30\n"
    "b2,B,Commune b2,,2025-06-30\n"
    "P,VN,New P,2025-07-01,\n"
    "p1,P,Commune p1,2025-07-01,\n"
    "p2,P,Commune p2,2025-07-01,\n";
const char* merger_successions =
    "from,to,date,share\n"
    "A,P,2025-07-01,\n"
    "B,P,2025-07-01,\n"
    "a1,p1,2025-07-01,\n"
    "b2,p1,2025-07-01,0.4\n"
    "b2,p2,2025-07-01,0.6\n";

}  // namespace

TEST_CASE("dated.csv.read_and_write_back") {
    temp_dir dir{{"units.csv", merger_units}, {"successions.csv", merger_successions}};
    auto m = load_model_dir(dir.path);
    REQUIRE(m.dated());
    CHECK(m[*m.find_unit("P")].valid_from == d("2025-07-01"));
    CHECK(m[*m.find_unit("A")].valid_to == d("2025-06-30"));
    CHECK_FALSE(m[*m.find_unit("VN")].valid_from);
    REQUIRE(m.successions().size() == 5);
    CHECK(m.successions()[3] == succession{*m.find_unit("b2"), *m.find_unit("p1"), d("2025-07-01"), 0.4});
    CHECK_FALSE(m.successions()[0].share);

    temp_dir out;
    write_model_dir(m, out.path);
    CHECK(load_model_dir(out.path) == m);
    CHECK(plangraph::test::slurp(out.path / "successions.csv") ==
          "from,to,date,share\nA,P,2025-07-01,\nB,P,2025-07-01,\na1,p1,2025-07-01,\nb2,p1,2025-07-01,0.4\n"
          "b2,p2,2025-07-01,0.6\n");
    CHECK(io::model_from_json(io::model_to_json(m)) == m);
}

TEST_CASE("dated.csv.undated_model_written_as_before") {
    temp_dir dir{{"units.csv", "id,parent,name\nVN,,Nation\nHN,VN,Hà Nội\n"}};
    auto m = load_model_dir(dir.path);
    CHECK_FALSE(m.dated());
    temp_dir out{{"successions.csv", "from,to,date\n"}};  // stale: removed on writing
    write_model_dir(m, out.path);
    CHECK(plangraph::test::slurp(out.path / "units.csv") == "id,parent,name,level,weight\nVN,,Nation,centre,1\nHN,VN,Hà Nội,province,1\n");
    CHECK_FALSE(std::filesystem::exists(out.path / "successions.csv"));
    auto j = io::model_to_json(m);
    CHECK_FALSE(j.contains("successions"));
    CHECK_FALSE(j["units"][0].contains("valid_from"));
}

TEST_CASE("dated.validate.every_rule_with_its_place") {
    temp_dir dir{
        {"units.csv",
         "id,parent,name,valid_from,valid_to\n"
         "VN,,Nation,,\n"
         "A,VN,Old A,,2025-06-30\n"
         "B,VN,Old B,,\n"                        // still alive when it passes on
         "P,VN,New P,2025-07-01,\n"
         "Q,VN,New Q,2025-08-01,\n"              // not yet alive on the succession's date
         "c,P,Commune c,2025-01-01,\n"           // exists before its parent
         "e,A,Commune e,,2025-12-31\n"           // outlives its parent
         "f,VN,Backwards,2025-07-01,2025-06-01\n"
         "S,VN,Split,,2025-06-30\n"
         "T,VN,Split too,,2025-06-30\n"
         "X,VN,Cycle x,,2025-06-30\n"
         "Y,VN,Cycle y,,2025-06-30\n"
         "U,VN,Mixed,,2025-06-30\n"},
        {"successions.csv",
         "from,to,date,share\n"
         "A,P,2025-07-01,\n"      // fine
         "B,P,2025-07-01,\n"      // line 3: B alive
         "A,Q,2025-07-01,\n"      // line 4: Q not yet alive
         "S,P,2025-07-01,1.5\n"   // line 5: share out of range, sum 1.5
         "T,P,2025-07-01,0.3\n"   // line 6: sum 0.9
         "T,VN,2025-07-01,0.6\n"
         "A,P,2025-07-01,\n"      // line 8: duplicate
         "X,Y,2025-07-01,\n"      // lines 9-10: cycle
         "Y,X,2025-07-01,\n"
         "A,ZZ,2025-07-01,\n"     // line 11: unknown unit
         "U,P,2025-07-01,0.5\n"   // line 12: some shares given, some not
         "U,VN,2025-07-01,\n"},
        {"tasks.csv",
         "id,unit,name,completed,due\n"
         "t1,P,Done before P,2025-03-01,\n"   // completed before its unit exists
         "t2,A,Done after A,2025-09-01,\n"},  // fine: placed forward
        {"indicators.csv",
         "id,unit,name,period,actual\n"
         "i1,P,Before P,2025-Q1,1\n"
         "i2,P,With P,2025-Q3,1\n"}};
    CHECK(problems_of(dir) == std::vector<std::string>{
        "successions.csv:11:2: succession A -> ZZ: unknown unit ZZ in column to",
        "units.csv:7:2: unit c: parent P does not exist on every day c does (c from 2025-01-01, P only from 2025-07-01)",
        "units.csv:8:2: unit e: parent A does not exist on every day e does (e until 2025-12-31, A only until 2025-06-30)",
        "units.csv:9:4: unit f: valid_from 2025-07-01 is after valid_to 2025-06-01",
        "successions.csv:3:1: succession B -> P on 2025-07-01: B must end the day before (valid_to 2025-06-30), but its valid_to is none",
        "successions.csv:4:2: succession A -> Q on 2025-07-01: Q does not exist on that day (valid_from 2025-08-01, valid_to none)",
        "successions.csv:5:4: succession S -> P on 2025-07-01: share 1.5 is outside (0, 1]",
        "successions.csv:8:1: succession A -> P on 2025-07-01 listed twice",
        "successions.csv:9:2: succession X -> Y on 2025-07-01: Y does not exist on that day (valid_from none, valid_to 2025-06-30)",
        "successions.csv:10:2: succession Y -> X on 2025-07-01: X does not exist on that day (valid_from none, valid_to 2025-06-30)",
        "successions.csv:5:4: successions of S on 2025-07-01: shares sum to 1.5, not 1",
        "successions.csv:6:4: successions of T on 2025-07-01: shares sum to 0.9, not 1",
        "successions.csv:12:4: successions of U on 2025-07-01: some rows give a share and others do not",
        "successions.csv:9:1: succession cycle: X -> Y -> X",
        "tasks.csv:2:4: task t1: completed 2025-03-01, before its unit P exists (valid_from 2025-07-01)",
        "indicators.csv:2:4: indicator i1: its period ends 2025-03-31, before its unit P exists (valid_from 2025-07-01)",
    });
    CHECK_THROWS_AS(load_model_dir(dir.path), invalid_model);
}
