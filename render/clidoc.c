/* clidoc: the help summary, the man page and the bash completion, all
 * written from the one description of the command line in main.c. See
 * clidoc.h. Nothing here is hand-kept per option: every line comes from a
 * GOptionEntry, a command, or an item of the description. */
#include "clidoc.h"

#include <string.h>

const fs_clidoc_command *fs_clidoc_find(const fs_clidoc *doc, const char *name)
{
    for (size_t i = 0; doc->commands[i]; i++)
        if (strcmp(doc->commands[i]->name, name) == 0)
            return doc->commands[i];
    return NULL;
}

/* The short form of an exit status note: up to its first ':' or '.'. */
static void append_short(GString *out, const char *note)
{
    g_string_append_len(out, note, (gssize)strcspn(note, ":."));
}

char *fs_clidoc_exit_line(const fs_clidoc *doc)
{
    GString *s = g_string_new("Exit status:");
    for (const fs_clidoc_item *e = doc->exit_status; e->text; e++) {
        g_string_append_printf(s, "%s %s ", e == doc->exit_status ? "" : ",", e->text);
        append_short(s, e->note);
    }
    g_string_append_c(s, '.');
    return g_string_free(s, FALSE);
}

char *fs_clidoc_summary(const fs_clidoc *doc)
{
    GString *s = g_string_new("Commands:\n");
    long width = 0;
    for (size_t i = 0; doc->commands[i]; i++) {
        const fs_clidoc_command *c = doc->commands[i];
        width = MAX(width, g_utf8_strlen(c->name, -1) + 1 + g_utf8_strlen(c->params, -1));
    }
    for (size_t i = 0; doc->commands[i]; i++) {
        const fs_clidoc_command *c = doc->commands[i];
        long w = g_utf8_strlen(c->name, -1) + 1 + g_utf8_strlen(c->params, -1);
        g_string_append_printf(s, "  %s %s%*s   %s\n", c->name, c->params, (int)(width - w), "",
                               c->summary);
    }
    g_autofree char *exit_line = fs_clidoc_exit_line(doc);
    g_string_append_printf(s, "\nRun '%s COMMAND --help' for the options of a command.\n%s",
                           doc->program, exit_line);
    return g_string_free(s, FALSE);
}

char *fs_clidoc_command_footer(const fs_clidoc *doc, const fs_clidoc_command *cmd)
{
    GString *s = g_string_new(NULL);
    if (cmd->examples && cmd->examples[0].text) {
        g_string_append(s, cmd->examples[1].text ? "Examples:\n" : "Example:\n");
        for (const fs_clidoc_item *e = cmd->examples; e->text; e++)
            g_string_append_printf(s, "  %s\n", e->text);
        g_string_append_c(s, '\n');
    }
    g_autofree char *exit_line = fs_clidoc_exit_line(doc);
    g_string_append_printf(s, "%s\nSee %s(1) and README.md for the spec format and the CSV "
                              "policy.",
                           exit_line, doc->program);
    return g_string_free(s, FALSE);
}

/* ---- roff ----------------------------------------------------------------- */

/* Characters with a groff name that every output device can show (man
 * formats for the ascii device under LC_ALL=C, which has no glyph for
 * \[u2026] and warns). */
static const char *roff_glyph(gunichar c)
{
    switch (c) {
    case 0x2026:
        return "...";
    case 0x2013:
        return "\\(en";
    case 0x2014:
        return "\\(em";
    case 0x201C:
        return "\\(lq";
    case 0x201D:
        return "\\(rq";
    case 0x2018:
        return "\\(oq";
    case 0x2019:
        return "\\(cq";
    case 0x00D7:
        return "\\(mu";
    case 0x00A0:
        return "\\~";
    default:
        return NULL;
    }
}

void fs_clidoc_roff_escape(GString *out, const char *s)
{
    bool line_start = out->len == 0 || out->str[out->len - 1] == '\n';
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (line_start && (c == '.' || c == '\''))
            g_string_append(out, "\\&");
        line_start = false;
        if (c == '\\')
            g_string_append(out, "\\e");
        else if (c == '-')
            g_string_append(out, "\\-");
        else if (c == '\n') {
            g_string_append_c(out, '\n');
            line_start = true;
        } else if (c < 0x80)
            g_string_append_c(out, (char)c);
        else if (roff_glyph(c))
            g_string_append(out, roff_glyph(c));
        else
            g_string_append_printf(out, "\\[u%04X]", c);
    }
}

static void roff(GString *out, const char *s)
{
    fs_clidoc_roff_escape(out, s);
}

/* Operands such as "[SPEC…]" or "SPEC|CSV": words in italics, brackets,
 * bars and ellipses in roman. */
static void roff_params(GString *out, const char *params)
{
    bool italic = false;
    for (const char *p = params; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        bool word = g_unichar_isalnum(c) || c == '_' || c == '-' || c == '.';
        if (word != italic) {
            g_string_append(out, word ? "\\fI" : "\\fR");
            italic = word;
        }
        char buf[8] = {0};
        g_unichar_to_utf8(c, buf);
        roff(out, buf);
    }
    if (italic)
        g_string_append(out, "\\fR");
}

/* Paragraphs separated by blank lines, each as .PP (or nothing before the
 * first when first_pp is false). */
static void roff_paragraphs(GString *out, const char *text, bool first_pp)
{
    g_auto(GStrv) paras = g_strsplit(text, "\n\n", -1);
    for (char **p = paras; *p; p++) {
        if (p != paras || first_pp)
            g_string_append(out, ".PP\n");
        roff(out, *p);
        g_string_append_c(out, '\n');
    }
}

static void roff_option(GString *out, const GOptionEntry *e)
{
    g_string_append(out, ".TP\n");
    if (e->short_name)
        g_string_append_printf(out, "\\fB\\-%c\\fR, ", e->short_name);
    g_string_append(out, "\\fB\\-\\-");
    roff(out, e->long_name);
    g_string_append(out, "\\fR");
    if (e->arg != G_OPTION_ARG_NONE) {
        /* as --help shows it: --output=DIR */
        g_string_append_c(out, '=');
        roff_params(out, e->arg_description ? e->arg_description : "VALUE");
    }
    g_string_append_c(out, '\n');
    roff(out, e->description ? e->description : "");
    g_string_append_c(out, '\n');
}

static void roff_options(GString *out, const GOptionEntry *entries)
{
    for (const GOptionEntry *e = entries; e && e->long_name; e++)
        if (!(e->flags & G_OPTION_FLAG_HIDDEN))
            roff_option(out, e);
}

static void roff_items(GString *out, const fs_clidoc_item *items, const char *font)
{
    for (const fs_clidoc_item *i = items; i && i->text; i++) {
        g_string_append_printf(out, ".TP\n\\f%s", font);
        roff(out, i->text);
        g_string_append(out, "\\fR\n");
        roff(out, i->note);
        g_string_append_c(out, '\n');
    }
}

/* An example: what it does, then the command set off in bold, broken
 * before an option into lines of at most about 70 columns, each but the
 * last ending in a backslash, so it can still be pasted into a shell. */
static void roff_example(GString *out, const fs_clidoc_item *e)
{
    g_string_append(out, ".PP\n");
    roff(out, e->note);
    g_string_append(out, "\n.PP\n.RS 4\n.nf\n\\fB");
    g_auto(GStrv) words = g_strsplit(e->text, " ", -1);
    long col = 0;
    for (char **w = words; *w; w++) {
        long n = g_utf8_strlen(*w, -1);
        /* an option and its argument stay on one line */
        long group = n + (w[1] && w[1][0] != '-' ? 1 + g_utf8_strlen(w[1], -1) : 0);
        if (col > 0 && **w == '-' && col + 1 + group > 70) {
            g_string_append(out, " \\e\n    ");
            col = 4;
        } else if (col > 0) {
            g_string_append_c(out, ' ');
            col++;
        }
        roff(out, *w);
        col += n;
    }
    g_string_append(out, "\\fR\n.fi\n.RE\n");
}

static void upper(GString *out, const char *s)
{
    g_autofree char *u = g_ascii_strup(s, -1);
    g_string_append(out, u);
}

/* The OPTIONS section: the program's, every command's, then each
 * command's own (or which command's it shares). */
static void man_options(const fs_clidoc *doc, GString *out)
{
    g_string_append(out, ".SH OPTIONS\n.SS \"Of the program\"\n");
    g_string_append(out, ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nShow the commands and exit. "
                         "After a command, show its options; \\fB\\-\\-help\\-common\\fR "
                         "shows the options of every command and \\fB\\-\\-help\\-all\\fR "
                         "both.\n");
    roff_options(out, doc->top_entries);
    g_string_append(out, ".SS \"Of every command\"\n");
    roff_options(out, doc->common_entries);
    for (size_t i = 0; doc->commands[i]; i++) {
        const fs_clidoc_command *c = doc->commands[i];
        g_string_append_printf(out, ".SS \"%s\"\n", c->name);
        const fs_clidoc_command *same = NULL;
        for (size_t j = 0; j < i && !same; j++)
            if (doc->commands[j]->entries == c->entries)
                same = doc->commands[j];
        if (same) {
            g_string_append_printf(out, "The options of \\fB%s\\fR.\n", same->name);
            continue;
        }
        if (!c->entries || !c->entries[0].long_name) {
            g_string_append(out, "No options of its own.\n");
            continue;
        }
        roff_options(out, c->entries);
    }
}

/* The SEE ALSO section, if any. */
static void man_see_also(const fs_clidoc *doc, GString *out)
{
    if (doc->see_also) {
        g_string_append(out, ".SH \"SEE ALSO\"\n");
        for (const fs_clidoc_item *s = doc->see_also; s->text; s++) {
            /* "pdftoppm(1)" -> \fBpdftoppm\fR(1) */
            const char *paren = strchr(s->text, '(');
            size_t n = paren ? (size_t)(paren - s->text) : strlen(s->text);
            g_autofree char *name = g_strndup(s->text, n);
            g_string_append(out, "\\fB");
            roff(out, name);
            g_string_append(out, "\\fR");
            if (paren)
                roff(out, paren);
            g_string_append(out, s[1].text ? ",\n" : "\n");
        }
    }
}

void fs_clidoc_man(const fs_clidoc *doc, const char *date, GString *out)
{
    g_string_append_printf(out,
                           ".\\\" Generated by '%s --help-man' from the option tables of "
                           "render/main.c: edit those, not this file.\n",
                           doc->program);
    g_string_append(out, ".TH ");
    upper(out, doc->program);
    g_string_append_printf(out, " 1 \"%s\" \"%s %s\" \"User Commands\"\n", date ? date : "",
                           doc->program, doc->version);
    /* no hyphenation and ragged right: options and paths stay whole, so
     * they can be searched for and copied */
    g_string_append(out, ".nh\n.ad l\n");

    g_string_append(out, ".SH NAME\n");
    roff(out, doc->program);
    g_string_append(out, " \\- ");
    roff(out, doc->tagline);
    g_string_append(out, "\n.SH SYNOPSIS\n");
    for (size_t i = 0; doc->commands[i]; i++) {
        const fs_clidoc_command *c = doc->commands[i];
        g_string_append_printf(out, "\\fB%s %s\\fR ", doc->program, c->name);
        roff_params(out, c->params);
        g_string_append(out, " [\\fIOPTION\\fR...]\n.br\n");
    }
    if (doc->default_command) {
        const fs_clidoc_command *d = fs_clidoc_find(doc, doc->default_command);
        g_string_append_printf(out, "\\fB%s\\fR ", doc->program);
        roff_params(out, d ? d->params : "");
        g_string_append(out, " [\\fIOPTION\\fR...]\n.br\n");
    }
    g_string_append_printf(out, "\\fB%s \\-\\-help\\fR | \\fB\\-\\-version\\fR\n", doc->program);

    g_string_append(out, ".SH DESCRIPTION\n");
    roff_paragraphs(out, doc->description, false);
    if (doc->default_command) {
        g_string_append_printf(out, ".PP\nWhen the first argument is not a command, "
                                    "\\fB%s\\fR runs \\fB%s\\fR.\n",
                               doc->program, doc->default_command);
    }

    g_string_append(out, ".SH COMMANDS\n");
    for (size_t i = 0; doc->commands[i]; i++) {
        const fs_clidoc_command *c = doc->commands[i];
        g_string_append_printf(out, ".TP\n\\fB%s\\fR ", c->name);
        roff_params(out, c->params);
        g_string_append_c(out, '\n');
        roff(out, c->description);
        g_string_append_c(out, '\n');
    }

    man_options(doc, out);

    g_string_append(out, ".SH \"EXIT STATUS\"\n");
    roff_items(out, doc->exit_status, "B");
    if (doc->environment) {
        g_string_append(out, ".SH ENVIRONMENT\n");
        roff_items(out, doc->environment, "B");
    }
    if (doc->files) {
        g_string_append(out, ".SH FILES\n");
        roff_items(out, doc->files, "I");
    }
    g_string_append(out, ".SH EXAMPLES\n");
    for (size_t i = 0; doc->commands[i]; i++)
        for (const fs_clidoc_item *e = doc->commands[i]->examples; e && e->text; e++)
            roff_example(out, e);
    man_see_also(doc, out);
}

/* ---- bash ----------------------------------------------------------------- */

/* One shell word: as is when it holds no special character, else quoted. */
static void sh_word(GString *out, const char *w)
{
    bool plain = *w != '\0';
    for (const char *p = w; *p; p++)
        if (!g_ascii_isalnum(*p) && !strchr("_.,:/+@%=-", *p))
            plain = false;
    if (plain) {
        g_string_append(out, w);
    } else {
        g_autofree char *q = g_shell_quote(w);
        g_string_append(out, q);
    }
}

static const fs_clidoc_hint *find_hint(const fs_clidoc_hint *hints, const char *option)
{
    for (const fs_clidoc_hint *h = hints; h && h->option; h++)
        if (strcmp(h->option, option) == 0)
            return h;
    return NULL;
}

/* The case pattern of option e: "-o|--output". */
static void bash_pattern(GString *out, const GOptionEntry *e)
{
    if (e->short_name)
        g_string_append_printf(out, "-%c|", e->short_name);
    g_string_append_printf(out, "--%s", e->long_name);
}

/* The case arm completing the argument of option e; an option taking free
 * text (a title, a column) is added to the pattern free instead, whose arm
 * completes nothing (not file names). */
static void bash_option_arm(GString *out, GString *free, const GOptionEntry *e,
                            const fs_clidoc_hint *h)
{
    if (e->arg == G_OPTION_ARG_NONE || (e->flags & G_OPTION_FLAG_HIDDEN))
        return;
    const char *arg = e->arg_description ? e->arg_description : "";
    GString *action = g_string_new(NULL);
    if (h && h->words) {
        g_string_append_printf(action, "_factsheet_words \"$cur\" %d", h->list ? 1 : 0);
        for (const char *const *w = h->words; *w; w++) {
            g_string_append_c(action, ' ');
            sh_word(action, *w);
        }
    } else if ((h && h->dirs) || (!h && strcmp(arg, "DIR") == 0)) {
        g_string_append(action, "_factsheet_dirs \"$cur\"");
    } else if ((h && h->files) || (!h && strcmp(arg, "FILE") == 0)) {
        g_string_append(action, "_factsheet_files \"$cur\"");
        if (h && h->files) {
            g_auto(GStrv) ext = g_strsplit(h->files, " ", -1);
            for (char **x = ext; *x; x++) {
                if (**x) {
                    g_string_append_c(action, ' ');
                    sh_word(action, *x);
                }
            }
        }
    }
    if (action->len) {
        g_string_append(out, "        ");
        bash_pattern(out, e);
        g_string_append_printf(out, ") %s ;;\n", action->str);
    } else {
        if (free->len)
            g_string_append_c(free, '|');
        bash_pattern(free, e);
    }
    g_string_free(action, TRUE);
}

static void bash_long_options(GString *out, const GOptionEntry *entries)
{
    for (const GOptionEntry *e = entries; e && e->long_name; e++)
        if (!(e->flags & G_OPTION_FLAG_HIDDEN))
            g_string_append_printf(out, " --%s", e->long_name);
}

static void bash_extensions(GString *out, const char *exts)
{
    g_auto(GStrv) ext = g_strsplit(exts ? exts : "", " ", -1);
    for (char **x = ext; *x; x++) {
        if (!**x)
            continue;
        g_string_append_c(out, ' ');
        sh_word(out, *x);
    }
}

static const char bash_helpers[] =
    "# _factsheet_files CUR [EXT…]: files ending in .EXT (any file without EXT),\n"
    "# and folders, to go down into.\n"
    "_factsheet_files()\n"
    "{\n"
    "    local cur=$1 f e IFS=$'\\n'\n"
    "    shift\n"
    "    compopt -o filenames 2> /dev/null\n"
    "    for f in $(compgen -f -- \"$cur\"); do\n"
    "        if [[ -d $f || $# -eq 0 ]]; then\n"
    "            COMPREPLY+=(\"$f\")\n"
    "            continue\n"
    "        fi\n"
    "        for e in \"$@\"; do\n"
    "            if [[ $f == *.\"$e\" ]]; then\n"
    "                COMPREPLY+=(\"$f\")\n"
    "                break\n"
    "            fi\n"
    "        done\n"
    "    done\n"
    "}\n"
    "\n"
    "# _factsheet_dirs CUR: folders.\n"
    "_factsheet_dirs()\n"
    "{\n"
    "    local IFS=$'\\n'\n"
    "    compopt -o filenames 2> /dev/null\n"
    "    COMPREPLY+=($(compgen -d -- \"$1\"))\n"
    "}\n"
    "\n"
    "# _factsheet_words CUR LIST WORD…: the words starting with CUR; with LIST=1\n"
    "# CUR is a comma-separated list and its last item is completed.\n"
    "_factsheet_words()\n"
    "{\n"
    "    local cur=$1 list=$2 head= w\n"
    "    shift 2\n"
    "    if [[ $list == 1 && $cur == *,* ]]; then\n"
    "        head=${cur%,*},\n"
    "        cur=${cur##*,}\n"
    "    fi\n"
    "    for w in \"$@\"; do\n"
    "        # not twice in a list\n"
    "        [[ ,$head == *,\"$w\",* ]] && continue\n"
    "        if [[ $w == \"$cur\"* ]]; then\n"
    "            # quoted as the shell needs it (';' as \\;), commas as they are\n"
    "            printf -v w %q \"$w\"\n"
    "            COMPREPLY+=(\"$head${w//\\\\,/,}\")\n"
    "        fi\n"
    "    done\n"
    "    if [[ $list == 1 ]]; then compopt -o nospace 2> /dev/null; fi\n"
    "    return 0\n"
    "}\n"
    "\n";

void fs_clidoc_bash(const fs_clidoc *doc, GString *out)
{
    g_string_append_printf(out,
                           "# bash completion for %s %s.\n"
                           "# Generated by '%s --completion bash' from the option tables of\n"
                           "# render/main.c: edit those, not this file.\n\n",
                           doc->program, doc->version, doc->program);
    g_string_append(out, bash_helpers);
    g_string_append(out, "_factsheet()\n{\n"
                         "    local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= pre= i\n"
                         "    COMPREPLY=()\n"
                         "    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
                         "    # --option=value: bash splits the word at '=' (COMP_WORDBREAKS)\n"
                         "    if [[ $cur == = ]]; then\n"
                         "        cur=\n"
                         "    elif [[ $prev == = ]] && (( COMP_CWORD >= 2 )); then\n"
                         "        prev=${COMP_WORDS[COMP_CWORD-2]}\n"
                         "    elif [[ $cur == --*=* ]]; then\n"
                         "        prev=${cur%%=*} pre=${cur%%=*}= cur=${cur#*=}\n"
                         "    fi\n"
                         "    case ${COMP_WORDS[1]-} in\n"
                         "    ");
    for (size_t i = 0; doc->commands[i]; i++)
        g_string_append_printf(out, "%s%s", i == 0 ? "" : "|", doc->commands[i]->name);
    g_string_append_printf(out, ") cmd=${COMP_WORDS[1]} ;;\n"
                                "    *) cmd=%s ;;\n"
                                "    esac\n",
                           doc->default_command ? doc->default_command : "");
    /* the first word: a command, a program option, or (for the default
     * command) its operands and options */
    g_string_append(out, "    if (( COMP_CWORD == 1 )) && [[ -z $pre ]]; then\n"
                         "        if [[ $cur == -* ]]; then\n"
                         "            _factsheet_words \"$cur\" 0 --help");
    bash_long_options(out, doc->top_entries);
    const fs_clidoc_command *dflt =
        doc->default_command ? fs_clidoc_find(doc, doc->default_command) : NULL;
    if (dflt) {
        bash_long_options(out, dflt->entries);
        bash_long_options(out, doc->common_entries);
    }
    g_string_append(out, "\n"
                         "        else\n"
                         "            _factsheet_words \"$cur\" 0");
    for (size_t i = 0; doc->commands[i]; i++)
        g_string_append_printf(out, " %s", doc->commands[i]->name);
    g_string_append(out, "\n");
    if (dflt) {
        g_string_append(out, "            _factsheet_files \"$cur\"");
        bash_extensions(out, dflt->operands);
        g_string_append(out, "\n");
    }
    g_string_append(out, "        fi\n"
                         "        return 0\n"
                         "    fi\n"
                         "    case $cmd in\n");
    for (size_t i = 0; doc->commands[i]; i++) {
        const fs_clidoc_command *c = doc->commands[i];
        g_string_append_printf(out, "    %s)\n        case $prev in\n", c->name);
        g_autoptr(GString) free = g_string_new(NULL);
        for (const GOptionEntry *e = c->entries; e && e->long_name; e++)
            bash_option_arm(out, free, e, find_hint(c->hints, e->long_name));
        for (const GOptionEntry *e = doc->common_entries; e && e->long_name; e++)
            bash_option_arm(out, free, e, find_hint(doc->common_hints, e->long_name));
        if (free->len)
            g_string_append_printf(out, "        %s) ;;\n", free->str);
        g_string_append(out, "        *)\n"
                             "            if [[ $cur == -* ]]; then\n"
                             "                _factsheet_words \"$cur\" 0 --help --help-all");
        bash_long_options(out, c->entries);
        bash_long_options(out, doc->common_entries);
        g_string_append(out, "\n"
                             "            elif [[ -z $pre ]]; then\n"
                             "                _factsheet_files \"$cur\"");
        bash_extensions(out, c->operands);
        g_string_append(out, "\n            fi\n            ;;\n        esac\n        ;;\n");
    }
    g_string_append(out, "    esac\n"
                         "    if [[ -n $pre ]]; then\n"
                         "        for i in \"${!COMPREPLY[@]}\"; do COMPREPLY[i]=$pre${COMPREPLY[i]}; "
                         "done\n"
                         "    fi\n"
                         "    return 0\n"
                         "}\n");
    g_string_append_printf(out, "complete -F _factsheet %s\n", doc->program);
}
