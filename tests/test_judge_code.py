"""J020 never drops a line of code (``cleaner.judge.code``): a tutorial's program between its paragraphs is
short lines without stopwords, which the model, trained on news pages, scores as a menu's. The texts are
written for these tests."""

from cleaner import Cleaner, Config
from cleaner.judge.code import BLOCK_LINES, code_lines
from cleaner.log import undo

MENU = ["Home", "Tutorials", "Reference", "Downloads", "Community", "Blog", "Search", "Sign in"]
FOOTER = ["About us", "Contact", "Privacy", "Terms of use", "Careers", "Press", "Status", "Donate"]
PROSE = [
    "A loop runs the same statements again and again until its condition no longer holds, so it saves you from "
    "writing them out by hand.",
    "The example below reads numbers from a file, keeps a running total and a count, and prints their mean when "
    "the file ends.",
]
PROGRAM = [
    "#include <stdio.h>", "", "int main(int argc, char **argv) {", '    FILE *file = fopen(argv[1], "r");',
    "    if (file == NULL) {", "        perror(argv[1]);", "        return 1;", "    }",
    "    double value, total = 0;", "    long count = 0;", '    while (fscanf(file, "%lf", &value) == 1) {',
    "        total += value;", "        count++;", "    }", "    fclose(file);", "    if (count > 0) {",
    '        printf("%.2f\\n", total / count);', "    } else {", '        puts("no numbers");', "    }",
    "    return 0;", "}",
]
PAGE = "\n".join(MENU + PROSE + PROGRAM + FOOTER) + "\n"
#: The page model, as a page dump (or a documentation page read as one) is judged.
AS_PAGE = Cleaner(Config(options={"J020": {"regime": "page"}}))


def test_a_line_has_the_shape_of_code_when_it_opens_or_closes_a_block_or_ends_a_statement():
    assert code_lines(["} else {", "total += value;", "perror(argv[1]);", "count++"]) == [True, True, True, False]
    # prose, a menu and a list in prose are not code
    assert not any(code_lines(["Home", "Sign in", "It rained (again);", "Prices rose; wages did not."]))


def test_the_lines_of_a_block_are_code_from_its_opening_brace_to_its_closing_one():
    lines = ["Sum them up.", "func sum(xs []int) int {", "total := 0", "for _, x := range xs {", "total += x", "}",
             "return total", "}", "Then print the sum."]
    assert code_lines(lines) == [False] + [True] * 7 + [False]


def test_a_brace_that_no_line_closes_soon_enough_makes_no_block():
    assert code_lines(["Menu {", "Home", "News"]) == [True, False, False]
    far = ["Open {", *["Home"] * BLOCK_LINES, "}"]
    assert code_lines(far) == [True] + [False] * BLOCK_LINES + [True]


def test_the_page_model_would_cut_the_program_and_now_only_reports_its_lines():
    result = AS_PAGE.clean(PAGE)
    judged = [change for change in result.changes if change.code == "J020"]
    reported = [change.before.strip() for change in judged if "a line of code: reported only" in change.reason]
    assert len(reported) >= 5 and all(change.action == "report" for change in judged if change.before.strip()
                                      in reported)
    assert all(line.strip() in result.text for line in PROGRAM)
    dropped = [change.before.strip() for change in judged if change.action == "drop"]
    assert dropped and set(dropped) <= set(FOOTER + MENU)  # the page's furniture still goes


def test_the_cleaned_page_undoes_exactly_and_cleans_to_itself():
    result = AS_PAGE.clean(PAGE)
    assert undo(result.text, result.changes) == PAGE
    assert AS_PAGE.clean(result.text).text == result.text


def test_a_comment_next_to_code_is_code_and_one_among_prose_is_not():
    example = ["Generate the keys first.", "const { createKeys } = require('keys');", "// Alice's keys...",
               "const alice = createKeys(2048);", "// Bob's keys...", "// (the same size)",
               "const bob = createKeys(2048);", "Then swap them."]
    assert code_lines(example) == [False, True, True, True, True, True, True, False]
    assert code_lines(["The first paragraph.", "// a divider between two stories...", "The second."]) == [False] * 3


def test_a_shell_command_carried_on_by_backslashes_and_the_caption_before_code_are_code():
    example = ["Create the cluster with the command below.", "Run:", "cloud clusters create \\",
               "--name demo \\", "--size 3", "It takes a few minutes.", "Output:", "{", '"state": "ready"', "}"]
    assert code_lines(example) == [False, True, True, True, True, False, True, True, True, True]


#: A tool's manual, written for these tests: its options one a line, with the ellipsis that means "one or more".
MANUAL = [
    "TIDY-LOGS(1)", "NAME", "tidy-logs - compress and prune old log files", "SYNOPSIS",
    "tidy-logs [-n] [-k days] [--exclude pattern...] directory...", "tidy-logs -V|-h", "DESCRIPTION",
    "The tidy-logs command walks each directory given to it and compresses every log file that is older than a "
    "day, then removes the compressed files that are older than the number of days it keeps.",
    "It never follows a symbolic link, and it leaves alone a file that another process still has open.",
    "OPTIONS",
    "-k, --keep days", "Keep the compressed files of this many days; the default is thirty.",
    "-n, --dry-run", "Print what would be done and change nothing.",
    "--exclude pattern,...", "Leave alone the files whose names match one of these patterns.",
    "-u, --user name,…", "Only touch the files owned by one of these users.",
    "-q, --quiet", "-V, --version", "-h, --help",
]
OPTIONS = [line for line in MANUAL if line.startswith(("-", "tidy-logs -V")) or "[-" in line]


def test_a_commands_options_are_code_and_a_list_item_is_not():
    assert all(code_lines(OPTIONS))
    assert not any(code_lines(["- Photos: Life on the Moon", "-5 degrees tonight", "--", "Re-run the tests",
                               "-- Posted by Ann"]))


def test_the_page_model_keeps_every_option_of_a_manual():
    text = "\n".join(MANUAL) + "\n"
    for cleaner in (AS_PAGE, Cleaner(Config(preset="article-body"))):
        result = cleaner.clean(text)
        assert all(line in result.text.splitlines() for line in OPTIONS)
        assert undo(result.text, result.changes) == text
