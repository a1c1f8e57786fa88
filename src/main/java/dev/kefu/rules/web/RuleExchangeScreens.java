package dev.kefu.rules.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleImport;
import dev.kefu.rules.RuleRejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Import and export in the console, {@code /apps/{appId}/rules/transfer}: the legacy CMS
 * map (a JSON object, merged by keyword) or kefu's own export (a JSON array), pasted or
 * uploaded; the export downloads the app's rules as that array.
 * <p>
 * An import is shown before it is made: {@code POST import} previews it (every rule it
 * would create, change or leave alone, with the change field by field) and changes
 * nothing; {@code POST import/apply} makes exactly that change, or shows the preview
 * again if the rules changed meanwhile; the result links every rule it changed and offers
 * {@code POST import/undo}, which gives them their previous versions back in one step.
 */
@Controller
@RequestMapping("/apps/{appId}/rules")
class RuleExchangeScreens {

	private final Apps apps;

	private final RuleBook book;

	private final RuleImport imports;

	private final MessageSource messages;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	RuleExchangeScreens(Apps apps, RuleBook book, RuleImport imports, MessageSource messages) {
		this.apps = apps;
		this.book = book;
		this.imports = imports;
		this.messages = messages;
	}

	/**
	 * One rule of an import as the page shows it.
	 *
	 * @param source the entry it comes from (a legacy key, or {@code [i]} of an export)
	 * @param kind {@code CREATED}, {@code UPDATED} or {@code UNCHANGED}
	 * @param ruleId the rule to link to; {@code null} for one a preview would create
	 * @param name its name after the import
	 * @param changes what changes, field by field
	 */
	record ImportedRow(String source, String kind, String ruleId, String name, List<RuleDiff.Row> changes) {
	}

	/**
	 * An import previewed or made.
	 *
	 * @param rows every rule, in the order of the entries
	 * @param undo for a made import, the {@code ruleId:versionBefore:versionAfter} of
	 * each rule it created or changed
	 */
	record ImportView(long created, long updated, long unchanged, List<ImportedRow> rows, List<String> undo) {

		/** The names of the rules the import leaves as they are. */
		public String unchangedNames() {
			return String.join(", ",
					this.rows.stream().filter((row) -> "UNCHANGED".equals(row.kind())).map(ImportedRow::name).toList());
		}

	}

	@GetMapping("/transfer")
	String page(@PathVariable String appId, Model model) {
		requireApp(appId);
		model.addAttribute("appId", appId);
		return "rules/transfer";
	}

	/** Previews an import: nothing changes until it is confirmed. */
	@PostMapping("/import")
	String preview(@PathVariable String appId, @RequestParam(required = false) String json,
			@RequestParam(required = false) MultipartFile file, Principal principal, Model model) throws IOException {
		App app = requireApp(appId);
		String text = (file != null && !file.isEmpty()) ? new String(file.getBytes(), StandardCharsets.UTF_8) : json;
		text = (text != null) ? text : "";
		model.addAttribute("appId", appId);
		model.addAttribute("json", text);
		try {
			RuleImport.Report report = parse(text).preview(this.imports, appId, principal.getName());
			model.addAttribute("preview", view(report, app));
			model.addAttribute("fingerprint", report.fingerprint());
		}
		catch (RuntimeException ex) {
			model.addAttribute("importError", problem(ex));
		}
		return "rules/transfer";
	}

	/** Makes the previewed import, if it still does what the preview showed. */
	@PostMapping("/import/apply")
	String apply(@PathVariable String appId, @RequestParam(defaultValue = "") String json,
			@RequestParam(defaultValue = "") String fingerprint, Principal principal, Model model,
			RedirectAttributes redirect) {
		App app = requireApp(appId);
		model.addAttribute("appId", appId);
		model.addAttribute("json", json);
		try {
			RuleImport.Report report = parse(json).apply(this.imports, appId, principal.getName(), fingerprint);
			if (!report.applied()) {
				// the rules changed since the preview: show what the import would do now
				model.addAttribute("stale", true);
				model.addAttribute("preview", view(report, app));
				model.addAttribute("fingerprint", report.fingerprint());
				return "rules/transfer";
			}
			redirect.addFlashAttribute("imported", view(report, app));
			return "redirect:/apps/" + appId + "/rules/transfer";
		}
		catch (RuntimeException ex) {
			model.addAttribute("importError", problem(ex));
			return "rules/transfer";
		}
	}

	/**
	 * Undoes a made import: its rules get their previous versions back, the rules it
	 * created go.
	 */
	@PostMapping("/import/undo")
	String undo(@PathVariable String appId, @RequestParam(required = false) List<String> undo, Principal principal,
			RedirectAttributes redirect) {
		requireApp(appId);
		List<RuleImport.Undo> changes = new ArrayList<>();
		for (String item : (undo != null) ? undo : List.<String>of()) {
			String[] parts = item.split(":");
			if (parts.length != 3) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "undo: ruleId:versionBefore:versionAfter");
			}
			try {
				changes.add(new RuleImport.Undo(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
			}
			catch (NumberFormatException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "undo: versions are numbers");
			}
		}
		try {
			List<String> undone = this.imports.undo(appId, changes, principal.getName());
			redirect.addFlashAttribute("undone", undone.size());
		}
		catch (RuleRejectedException ex) {
			if (ex.reason() != RuleRejectedException.Reason.INVALID_FIELDS) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			redirect.addFlashAttribute("importError", String.join("; ",
					ex.invalidFields().stream().map((f) -> undoRefused(appId, f)).distinct().toList()));
		}
		return "redirect:/apps/" + appId + "/rules/transfer";
	}

	@GetMapping("/export")
	ResponseEntity<byte[]> export(@PathVariable String appId) {
		requireApp(appId);
		byte[] body = this.json.writeValueAsBytes(this.book.list(appId));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("kefu-rules-" + appId + ".json").build().toString())
			.body(body);
	}

	private ImportView view(RuleImport.Report report, App app) {
		RuleDiff diff = new RuleDiff(this.messages, LocaleContextHolder.getLocale(), app.timeZone());
		List<ImportedRow> rows = new ArrayList<>();
		List<String> undo = new ArrayList<>();
		for (RuleImport.ImportedRule rule : report.rules()) {
			boolean exists = report.applied() || rule.kind() != RuleImport.Kind.CREATED;
			rows.add(new ImportedRow(rule.source(), rule.kind().name(), exists ? rule.ruleId() : null,
					rule.after().name(), diff.between(rule.before(), rule.after())));
			if (report.applied() && rule.kind() != RuleImport.Kind.UNCHANGED) {
				undo.add(rule.ruleId() + ":" + ((rule.before() != null) ? rule.before().version() : 0) + ":"
						+ rule.after().version());
			}
		}
		return new ImportView(report.count(RuleImport.Kind.CREATED), report.count(RuleImport.Kind.UPDATED),
				report.count(RuleImport.Kind.UNCHANGED), rows, undo);
	}

	/** The pasted or uploaded text as one of the two formats. */
	private Parsed parse(String text) {
		JsonNode root = this.json.readTree(text);
		if (root.isArray()) {
			List<RuleDocument> documents = new ArrayList<>();
			for (JsonNode node : root) {
				try {
					documents.add(this.json.treeToValue(node, RuleDocument.class));
				}
				catch (JacksonException ex) {
					throw new UnreadableRule(documents.size(), ex);
				}
			}
			return new Parsed(null, documents);
		}
		if (!root.isObject()) {
			throw new UnreadableBody(null, "must be the legacy CMS map (an object) or an exported array of rules");
		}
		Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			if (!entry.getValue().isObject()) {
				// refused by the import with the other entries' problems, all named by
				// their keys
				entries.put(entry.getKey(), null);
				continue;
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> values = this.json.treeToValue(entry.getValue(), Map.class);
			entries.put(entry.getKey(), values);
		}
		return new Parsed(entries, null);
	}

	/**
	 * A rule of an export (the {@code index}th, from 0) whose values do not fit a rule.
	 */
	private static final class UnreadableRule extends RuntimeException {

		private final int index;

		UnreadableRule(int index, JacksonException cause) {
			super(cause);
			this.index = index;
		}

	}

	/**
	 * The legacy map (by keyword) or an export (by id); one of the two is {@code null}.
	 */
	private record Parsed(Map<String, Map<String, Object>> legacy, List<RuleDocument> exported) {

		RuleImport.Report preview(RuleImport imports, String appId, String actor) {
			return (this.legacy != null) ? imports.previewLegacy(appId, this.legacy, actor)
					: imports.previewNative(appId, this.exported, actor);
		}

		RuleImport.Report apply(RuleImport imports, String appId, String actor, String fingerprint) {
			return (this.legacy != null) ? imports.applyLegacy(appId, this.legacy, actor, fingerprint)
					: imports.applyNative(appId, this.exported, actor, fingerprint);
		}

	}

	/**
	 * Why an import was refused, in the operator's words: the line and column of a JSON
	 * mistake, and for a refused rule the legacy key (or the export's rule number) and
	 * field it is about.
	 */
	private String problem(RuntimeException ex) {
		if (ex instanceof JacksonException json) {
			return ImportMistakes.json(json, this.messages, LocaleContextHolder.getLocale());
		}
		if (ex instanceof UnreadableRule rule) {
			return ImportMistakes.json(rule.index, (JacksonException) rule.getCause(), this.messages,
					LocaleContextHolder.getLocale());
		}
		if (ex instanceof UnreadableBody unreadable) {
			return (unreadable.field() == null)
					? RuleForms.reason(unreadable.getMessage(), this.messages, LocaleContextHolder.getLocale())
					: ImportMistakes.fields(List
						.of(new RuleRejectedException.InvalidField(unreadable.field(), unreadable.getMessage(), null)),
							this.messages, LocaleContextHolder.getLocale());
		}
		if (ex instanceof RuleRejectedException rejected
				&& rejected.reason() == RuleRejectedException.Reason.INVALID_FIELDS) {
			return ImportMistakes.fields(rejected.invalidFields(), this.messages, LocaleContextHolder.getLocale());
		}
		throw ex;
	}

	/**
	 * "Rule X cannot be undone: why", for a problem named {@code rules[id]} by the undo.
	 */
	private String undoRefused(String appId, RuleRejectedException.InvalidField problem) {
		String field = problem.field();
		String ruleId = (field.startsWith("rules[") && field.endsWith("]")) ? field.substring(6, field.length() - 1)
				: problem.ruleId();
		String why = (problem.ruleId() != null && !problem.ruleId().equals(ruleId))
				? text("rules.error.conflict", ruleName(appId, problem.ruleId()))
				: RuleForms.reason(problem.reason(), this.messages, LocaleContextHolder.getLocale());
		return text("rules.import.undoRefused", ruleName(appId, ruleId), why);
	}

	private String ruleName(String appId, String ruleId) {
		try {
			return this.book.get(appId, ruleId).name();
		}
		catch (RuleRejectedException ex) {
			return ruleId;
		}
	}

	private App requireApp(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String text(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
