// libFuzzer harness: the CSV model loader. The input is a model directory in one file: a line
// `@units.csv` (or any other file name of the format) starts that file, which runs to the next
// such line; text before the first one is ignored, and a file named twice keeps its last text.
// The same files are read twice, into a draft of rows owning their strings (read_model_csv) and
// into the draft load_model_dir reads, whose tasks view the text (detail::viewed_draft): both
// must find the same problems and build the same model, or the harness aborts. What loads runs
// the whole pipeline (pipeline.hpp).
#include "pipeline.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace plangraph;

constexpr std::array files{model_file::units, model_file::plans, model_file::tasks,
                           model_file::links, model_file::indicators, model_file::calendar,
                           model_file::successions, model_file::resources, model_file::demands};

std::optional<model_file> file_named(std::string_view line) {
    for (auto f : files)
        if (line.size() == file_name(f).size() + 1 && line.front() == '@' && line.substr(1) == file_name(f)) return f;
    return std::nullopt;
}

/// The input's files, by model_file.
std::array<std::optional<std::string>, files.size()> split(std::string_view in) {
    std::array<std::optional<std::string>, files.size()> out;
    std::optional<std::string>* current = nullptr;
    while (!in.empty()) {
        auto eol = in.find('\n');
        auto line = in.substr(0, eol);
        in.remove_prefix(eol == std::string_view::npos ? in.size() : eol + 1);
        if (auto f = file_named(line)) {
            current = &out[static_cast<std::size_t>(*f)];
            current->emplace();
        } else if (current) {
            (*current)->append(line).append(eol == std::string_view::npos ? "" : "\n");
        }
    }
    return out;
}

bool same_problems(const std::vector<problem>& a, const std::vector<problem>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const problem& x, const problem& y) {
        return to_string(x) == to_string(y) && x.ids == y.ids;
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::max_input) return -1;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto texts = split(in);
    model_draft draft;
    detail::viewed_draft viewed;
    if (!texts[0]) draft.problems.push_back({problem_kind::missing_column, "missing required file units.csv",
                                             {"units.csv"}, {"fuzz", 0, 0}});
    viewed.problems = draft.problems;
    for (auto f : files)
        if (auto& text = texts[static_cast<std::size_t>(f)]) {
            detail::read_file_into(viewed, f, *text, std::string(file_name(f)));
            read_model_csv(draft, f, std::move(*text), std::string(file_name(f)));
        }
    if (!same_problems(validate(draft), detail::resolve_draft(viewed).problems)) std::abort();
    model m;
    try {
        m = build(draft);
    } catch (const error&) {
        return 0;  // refused, as documented
    }
    if (!(detail::build_model<model>(std::move(viewed)) == m)) std::abort();
    fuzz::run(m, fuzz::input_hash({data, size}));
    return 0;
}
