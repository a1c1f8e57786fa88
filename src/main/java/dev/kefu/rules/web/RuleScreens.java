package dev.kefu.rules.web;

import java.security.Principal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.media.Asset;
import dev.kefu.media.Assets;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleRejectedException;
import dev.kefu.rules.RuleVersion;
import dev.kefu.rules.Trigger;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's rule screens, {@code /apps/{appId}/rules}: the list with search, filters
 * and hit counts; the editor with keyword chips, replies of every type and a live preview
 * drawn the way WeChat draws it; enable/disable; version history with each version's
 * change field by field, and restore. Validation errors and conflicts from the rules
 * module are shown beside the field they are about; a saved rule that can never answer is
 * shown with the rule that answers instead.
 */
@Controller
@RequestMapping("/apps/{appId}/rules")
class RuleScreens {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** A link reply's address or thumbnail address. */
	private static final Pattern LINK_FIELD = Pattern.compile("replies\\[(\\d+)]\\.(url|thumbUrl)");

	private static final Pattern KEYWORD_FIELD = Pattern.compile("keywords\\[(\\d+)].*");

	private final Apps apps;

	private final RuleBook book;

	private final Assets assets;

	private final RuleFigures figures;

	private final MessageSource messages;

	RuleScreens(Apps apps, RuleBook book, Assets assets, RuleFigures figures, MessageSource messages) {
		this.apps = apps;
		this.book = book;
		this.assets = assets;
		this.figures = figures;
		this.messages = messages;
	}

	@ModelAttribute("appId")
	String appId(@PathVariable String appId) {
		app(appId);
		return appId;
	}

	@GetMapping
	String list(@PathVariable String appId, @RequestParam(required = false) String q,
			@RequestParam(required = false) String trigger, @RequestParam(required = false) String enabled,
			Model model) {
		ZoneId zone = app(appId).timeZone();
		Map<String, Long> today = this.figures.hitsByRule(appId, this.figures.startOfToday(zone));
		Map<String, Long> week = this.figures.hitsByRule(appId, this.figures.startOfWeek(zone));
		String needle = (q == null) ? "" : q.strip().toLowerCase(Locale.ROOT);
		List<RuleRow> rows = this.book.list(appId)
			.stream()
			.filter((r) -> trigger == null || trigger.isEmpty() || r.trigger().name().equals(trigger))
			.filter((r) -> enabled == null || enabled.isEmpty()
					|| Boolean.parseBoolean(enabled) == !Boolean.FALSE.equals(r.enabled()))
			.filter((r) -> needle.isEmpty() || matches(r, needle))
			.map((r) -> RuleRow.of(r, today.getOrDefault(r.id(), 0L), week.getOrDefault(r.id(), 0L), this::text))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("q", emptyToNull(q));
		model.addAttribute("trigger", emptyToNull(trigger));
		model.addAttribute("enabled", emptyToNull(enabled));
		return "rules/list";
	}

	@GetMapping("/new")
	String create(@PathVariable String appId, @RequestParam(required = false) String keyword, Model model) {
		RuleForm form = new RuleForm();
		if (keyword != null && !keyword.isBlank()) {
			form.setName(keyword.strip());
			form.getKeywords().add(new RuleForm.KeywordField(keyword.strip(), "EXACT"));
		}
		form.getReplies().add(RuleForm.ReplyField.text(""));
		return editor(appId, model, form, null, Map.of(), null);
	}

	@PostMapping("/new")
	String save(@PathVariable String appId, @ModelAttribute("form") RuleForm form, Principal principal, Model model,
			RedirectAttributes redirect) {
		try {
			RuleDocument created = this.book.create(appId, RuleForms.document(form, app(appId).timeZone()),
					principal.getName());
			redirect.addFlashAttribute("notice", "rules.created");
			return "redirect:/apps/" + appId + "/rules/" + created.id();
		}
		catch (RuleRejectedException ex) {
			return rejected(appId, model, form, null, ex);
		}
	}

	@GetMapping("/{id}")
	String edit(@PathVariable String appId, @PathVariable String id, Model model) {
		RuleDocument rule = find(appId, id);
		model.addAttribute("shadows", shadows(appId, id));
		return editor(appId, model, RuleForms.form(rule, app(appId).timeZone()), id, Map.of(), null);
	}

	/**
	 * What of the saved rule can never answer, in words naming the rule that answers
	 * instead: shown above the form after it is saved (and whenever it is opened), so a
	 * rule that saves fine but can never fire is not mistaken for working.
	 */
	private List<ShadowView> shadows(String appId, String id) {
		return this.book.shadows(appId, id)
			.stream()
			.map((shadow) -> new ShadowView((shadow.keyword() != null)
					? text("rules.shadow.keyword", shadow.keyword().text(), shadow.winner().name(),
							text("rules.precedence." + shadow.why()))
					: text("rules.shadow.rule", shadow.winner().name(), text("rules.precedence." + shadow.why())),
					shadow.winner().id(), shadow.winner().name()))
			.toList();
	}

	@PostMapping("/{id}")
	String update(@PathVariable String appId, @PathVariable String id, @ModelAttribute("form") RuleForm form,
			Principal principal, Model model, RedirectAttributes redirect) {
		RuleDocument current = find(appId, id);
		if (form.getBaseVersion() != null && current.version() != null
				&& form.getBaseVersion().intValue() != current.version()) {
			// someone saved in between: keep what this operator typed, say so, and let
			// them decide
			Conflict conflict = new Conflict("common.conflict", null, null);
			form.setBaseVersion(current.version().longValue());
			return editor(appId, model, form, id, Map.of(), conflict);
		}
		try {
			this.book.update(appId, id, RuleForms.document(form, app(appId).timeZone()), principal.getName());
			redirect.addFlashAttribute("notice", "rules.saved");
			return "redirect:/apps/" + appId + "/rules/" + id;
		}
		catch (RuleRejectedException ex) {
			return rejected(appId, model, form, id, ex);
		}
	}

	/** htmx: the switch in the list. */
	@PostMapping("/{id}/enabled")
	ResponseEntity<Void> enable(@PathVariable String appId, @PathVariable String id,
			@RequestParam(defaultValue = "false") boolean enabled, Principal principal) {
		RuleDocument rule = find(appId, id);
		RuleDocument changed = new RuleDocument(null, rule.name(), rule.trigger(), rule.priority(), enabled,
				rule.replyMode(), rule.keywords(), rule.replies(), rule.activeFrom(), rule.activeUntil(),
				rule.businessHours(), rule.sessionFrom(), rule.cooldown(), null, null, null);
		try {
			this.book.update(appId, id, changed, principal.getName());
			return ResponseEntity.noContent().build();
		}
		catch (RuleRejectedException ex) {
			// enabling can conflict with another enabled rule: the list shows the switch
			// as it was
			return ResponseEntity.status(HttpStatus.CONFLICT).header("HX-Refresh", "true").build();
		}
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable String appId, @PathVariable String id, Principal principal,
			RedirectAttributes redirect) {
		find(appId, id);
		this.book.delete(appId, id, principal.getName());
		redirect.addFlashAttribute("notice", "rules.deleted");
		return "redirect:/apps/" + appId + "/rules";
	}

	@GetMapping("/{id}/versions")
	String versions(@PathVariable String appId, @PathVariable String id, Model model) {
		ZoneId zone = app(appId).timeZone();
		List<RuleVersion> versions;
		try {
			versions = this.book.versions(appId, id);
		}
		catch (RuleRejectedException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		int latest = versions.stream().mapToInt(RuleVersion::version).max().orElse(0);
		RuleDiff diff = new RuleDiff(this.messages, LocaleContextHolder.getLocale(), zone);
		model.addAttribute("ruleId", id);
		model.addAttribute("ruleName",
				versions.get(0).after() != null ? versions.get(0).after().name() : versions.get(0).before().name());
		model.addAttribute("versions",
				versions.stream()
					.map((v) -> new VersionRow(v.version(), WHEN.format(v.changedAt().atZone(zone)), v.changedBy(),
							v.change().name(), RuleForms.changes(v.before(), v.after(), this::text),
							diff.between(v.before(), v.after()), v.version() == latest, v.after() != null))
					.toList());
		return "rules/versions";
	}

	@PostMapping("/{id}/versions/{version}/restore")
	String restore(@PathVariable String appId, @PathVariable String id, @PathVariable int version, Principal principal,
			RedirectAttributes redirect) {
		try {
			this.book.restore(appId, id, version, principal.getName());
		}
		catch (RuleRejectedException ex) {
			if (ex.reason() != RuleRejectedException.Reason.INVALID_FIELDS) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			// e.g. its keyword has gone to another rule since: say which, restore nothing
			redirect.addFlashAttribute("problem",
					ex.invalidFields()
						.stream()
						.map((f) -> (f.ruleId() != null) ? text("rules.error.conflict", otherName(appId, f.ruleId()))
								: RuleForms.reason(f.reason(), this.messages, LocaleContextHolder.getLocale()))
						.collect(Collectors.joining("; ")));
			return "redirect:/apps/" + appId + "/rules/" + id + "/versions";
		}
		redirect.addFlashAttribute("notice", "rules.version.restored");
		return "redirect:/apps/" + appId + "/rules/" + id + "/versions";
	}

	/**
	 * The app's images as the editor's image picker shows them, newest first: asked each
	 * time the picker opens, so it sees images uploaded since (in another tab too).
	 */
	@GetMapping(path = "/assets", produces = "application/json")
	@ResponseBody
	List<Map<String, String>> assets(@PathVariable String appId) {
		app(appId);
		return this.assets.list(appId)
			.stream()
			.sorted(Comparator.comparing(Asset::createdAt).reversed())
			.map((a) -> Map.of("id", a.id(), "fileName", a.fileName()))
			.toList();
	}

	/**
	 * htmx: the preview of the form as it stands, nothing saved; a link the rule could
	 * not be saved with is marked in it, with the reason.
	 */
	@PostMapping("/preview")
	String preview(@PathVariable String appId, @ModelAttribute("form") RuleForm form, Model model) {
		List<RuleForm.ReplyField> replies = form.repliesGiven();
		Map<RuleForm.ReplyField, String> badLinks = new IdentityHashMap<>();
		for (RuleRejectedException.InvalidField problem : this.book.problems(appId,
				RuleForms.document(form, app(appId).timeZone()))) {
			Matcher link = LINK_FIELD.matcher(problem.field());
			if (link.matches() && Integer.parseInt(link.group(1)) < replies.size()) {
				badLinks.putIfAbsent(replies.get(Integer.parseInt(link.group(1))),
						RuleForms.reason(problem.reason(), this.messages, LocaleContextHolder.getLocale()));
			}
		}
		model.addAttribute("badLinks", badLinks);
		return "rules/preview :: phone";
	}

	private String rejected(String appId, Model model, RuleForm form, String id, RuleRejectedException ex) {
		if (ex.reason() != RuleRejectedException.Reason.INVALID_FIELDS) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		Map<String, String> errors = new LinkedHashMap<>();
		Conflict conflict = null;
		for (RuleRejectedException.InvalidField field : ex.invalidFields()) {
			String key = RuleForms.errorKey(field.field());
			if (field.ruleId() != null) {
				String other = otherName(appId, field.ruleId());
				errors.putIfAbsent(key, text("rules.error.conflict", other));
				if (conflict == null) {
					conflict = new Conflict("rules.error.conflictTitle", field.ruleId(), other);
				}
			}
			else {
				errors.putIfAbsent(key, named(form, field.field(),
						RuleForms.reason(field.reason(), this.messages, LocaleContextHolder.getLocale())));
			}
		}
		return editor(appId, model, form, id, errors, conflict);
	}

	/** A keyword's error names the keyword: they are listed together under the chips. */
	private String named(RuleForm form, String field, String reason) {
		Matcher keyword = KEYWORD_FIELD.matcher(field);
		List<RuleForm.KeywordField> given = form.keywordsGiven();
		if (keyword.matches() && Integer.parseInt(keyword.group(1)) < given.size()) {
			return text("rules.error.keyword", given.get(Integer.parseInt(keyword.group(1))).getText(), reason);
		}
		return reason;
	}

	private String editor(String appId, Model model, RuleForm form, String id, Map<String, String> errors,
			Conflict conflict) {
		model.addAttribute("form", form);
		model.addAttribute("ruleId", id);
		model.addAttribute("errors", errors);
		model.addAttribute("invalidReplies",
				errors.keySet()
					.stream()
					.map(Pattern.compile("replies\\[(\\d+)]\\..*")::matcher)
					.filter(Matcher::matches)
					.map((m) -> Integer.valueOf(m.group(1)))
					.collect(Collectors.toSet()));
		model.addAttribute("maxTextBytes", RuleDocument.ReplyItem.MAX_TEXT_BYTES);
		model.addAttribute("conflict", conflict);
		model.addAttribute("blankReply", RuleForm.ReplyField.text(""));
		model.addAttribute("assets", this.assets.list(appId));
		model.addAttribute("maxBytes", Assets.MAX_SIZE);
		return "rules/form";
	}

	private String otherName(String appId, String ruleId) {
		try {
			return this.book.get(appId, ruleId).name();
		}
		catch (RuleRejectedException ex) {
			return ruleId;
		}
	}

	private RuleDocument find(String appId, String id) {
		try {
			return this.book.get(appId, id);
		}
		catch (RuleRejectedException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static boolean matches(RuleDocument rule, String needle) {
		if (rule.name() != null && rule.name().toLowerCase(Locale.ROOT).contains(needle)) {
			return true;
		}
		return rule.keywords() != null
				&& rule.keywords().stream().anyMatch((k) -> k.text().toLowerCase(Locale.ROOT).contains(needle));
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private String text(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	/**
	 * A conflict shown above the form.
	 *
	 * @param message the message key
	 * @param otherRuleId the rule it conflicts with, or {@code null}
	 * @param otherRuleName its name
	 */
	record Conflict(String message, String otherRuleId, String otherRuleName) {
	}

	/**
	 * A part of a rule that never answers.
	 *
	 * @param text what and why, in words
	 * @param ruleId the rule that answers instead
	 * @param ruleName its name
	 */
	record ShadowView(String text, String ruleId, String ruleName) {
	}

	/**
	 * A version as the history lists it.
	 *
	 * @param changes what it changed, field by field (for a creation every field it set,
	 * for a deletion every field the rule had)
	 */
	record VersionRow(int version, String when, String who, String kind, String summary, List<RuleDiff.Row> changes,
			boolean current, boolean restorable) {
	}

	/** A rule as the list shows it. */
	record RuleRow(String id, String name, String trigger, int priority, boolean enabled,
			List<RuleDocument.KeywordItem> keywords, String summary, long hitsToday, long hitsWeek) {

		static RuleRow of(RuleDocument r, long today, long week,
				java.util.function.BiFunction<String, Object[], String> text) {
			String summary = (r.replies() == null) ? ""
					: String.join(" · ",
							r.replies()
								.stream()
								.map((reply) -> text.apply("rules.type." + reply.type(), new Object[0]))
								.toList());
			return new RuleRow(r.id(), r.name(), r.trigger().name(), (r.priority() != null) ? r.priority() : 0,
					!Boolean.FALSE.equals(r.enabled()), (r.keywords() != null) ? r.keywords() : List.of(), summary,
					today, week);
		}

	}

}
