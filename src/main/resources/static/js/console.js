/* kefu console: the few behaviours htmx does not cover. Plain JS, no build step. */
(function () {
	'use strict';

	function on(event, selector, handler) {
		document.addEventListener(event, function (e) {
			var target = e.target.closest && e.target.closest(selector);
			if (target) {
				handler(e, target);
			}
		});
	}

	// A select that applies itself: its form is sent on change (no inline handler, for the CSP).
	on('change', '[data-submit-on-change]', function (e, select) {
		select.form.submit();
	});

	// Narrow screens: the navigation slides in.
	on('click', '[data-toggle-nav]', function () {
		document.body.classList.toggle('nav-open');
	});
	document.addEventListener('click', function (e) {
		if (document.body.classList.contains('nav-open') && !e.target.closest('#side, [data-toggle-nav]')) {
			document.body.classList.remove('nav-open');
		}
	});

	// The app switcher keeps the page kind: /apps/A/rules -> /apps/B/rules.
	on('change', '[data-app-switch]', function (e, select) {
		var current = select.getAttribute('data-current');
		var path = window.location.pathname;
		var marker = '/apps/' + current;
		var i = current ? path.indexOf(marker) : -1;
		if (i >= 0) {
			var rest = path.substring(i + marker.length).split('/');
			// stay on the section (rules, assets...) but not on one item of the other app
			var section = rest.length > 1 ? '/' + rest[1] : '';
			window.location = path.substring(0, i) + '/apps/' + select.value + section;
		}
		else {
			window.location = document.body.getAttribute('data-base') + 'apps/' + select.value;
		}
	});

	// Copy buttons: data-copy="#input-id" or data-copy-text="...".
	on('click', '[data-copy], [data-copy-text]', function (e, button) {
		e.preventDefault();
		var text = button.getAttribute('data-copy-text');
		if (text === null) {
			var source = document.querySelector(button.getAttribute('data-copy'));
			text = source ? (source.value !== undefined ? source.value : source.textContent) : '';
		}
		var done = function () {
			var note = button.parentNode.querySelector('.copy-ok');
			if (note) {
				note.hidden = false;
				setTimeout(function () { note.hidden = true; }, 1600);
			}
		};
		if (navigator.clipboard && window.isSecureContext) {
			navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
		}
		else {
			fallbackCopy(text);
			done();
		}
	});

	function fallbackCopy(text) {
		var area = document.createElement('textarea');
		area.value = text;
		area.style.position = 'fixed';
		area.style.opacity = '0';
		document.body.appendChild(area);
		area.select();
		try { document.execCommand('copy'); } catch (ignored) { /* nothing else to try */ }
		document.body.removeChild(area);
	}

	// Confirm before destructive buttons: data-confirm="question".
	on('click', '[data-confirm]', function (e, el) {
		if (!window.confirm(el.getAttribute('data-confirm'))) {
			e.preventDefault();
			e.stopImmediatePropagation();
		}
	});

	// A dashboard panel whose module has nothing to show keeps a quiet placeholder.
	document.addEventListener('htmx:responseError', function (e) {
		var el = e.detail.elt;
		if (el && el.hasAttribute('data-panel')) {
			el.classList.add('muted');
			el.removeAttribute('hx-trigger');
		}
	});

	/** A message of data-msg-NAME on el or an element around it (else <body>), {0}, {1}... filled in. */
	function say(el, name) {
		var args = Array.prototype.slice.call(arguments, 2);
		var holder = el.closest('[data-msg-' + name + ']') || document.body;
		var text = holder.getAttribute('data-msg-' + name) || '';
		return text.replace(/\{(\d)\}/g, function (m, i) { return args[+i] !== undefined ? args[+i] : m; });
	}

	window.kefu = window.kefu || {};
	window.kefu.on = on;
	window.kefu.say = say;
})();

/* Test console: show the inputs of the chosen kind of message. */
(function () {
	'use strict';
	window.kefu.on('change', '[data-kind]', function (e, radio) {
		var f = radio.closest('form');
		f.querySelectorAll('[data-kind-for]').forEach(function (part) {
			var shown = part.getAttribute('data-kind-for') === radio.value;
			part.hidden = !shown;
			part.querySelectorAll('input').forEach(function (i) { i.disabled = !shown; });
		});
	});
})();

/* Uploads. A drop zone ([data-dropzone], a form htmx posts) takes files dropped on it or chosen
   by a click, checks each against its data-max-bytes and accept before sending anything, sends
   them one at a time with a progress bar, and shows every refusal (its own, the server's, a
   broken connection) at the zone, naming the file. Any other file field is checked against the
   server's upload limit (data-max-upload on <body>) when a file is chosen. */
(function () {
	'use strict';
	var on = window.kefu.on;

	function size(bytes) {
		if (bytes >= 1024 * 1024) {
			return (bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1) + ' MB';
		}
		return Math.max(1, Math.ceil(bytes / 1024)) + ' KB';
	}

	var say = window.kefu.say;

	function errorBox(zone) {
		var box = zone.querySelector('[data-upload-error]');
		if (!box) {
			box = document.createElement('div');
			box.className = 'error';
			box.setAttribute('data-upload-error', '');
			box.setAttribute('data-test', 'upload-error');
			box.setAttribute('role', 'alert');
			zone.appendChild(box);
		}
		return box;
	}

	function showErrors(zone, messages) {
		var box = errorBox(zone);
		box.textContent = '';
		messages.forEach(function (m) {
			var line = document.createElement('div');
			line.textContent = m;
			box.appendChild(line);
		});
		box.hidden = messages.length === 0;
		zone.classList.toggle('has-error', messages.length > 0);
	}

	function accepts(input, file) {
		var accept = (input.getAttribute('accept') || '').split(',').map(function (t) { return t.trim(); })
			.filter(Boolean);
		return accept.length === 0 || accept.some(function (t) {
			return t.charAt(0) === '.' ? file.name.toLowerCase().endsWith(t.toLowerCase()) : t === file.type;
		});
	}

	// ---- drop zones
	function start(zone, files) {
		var input = zone.querySelector('input[type=file]');
		var max = +zone.getAttribute('data-max-bytes') || Infinity;
		var problems = [];
		var queue = [];
		Array.prototype.forEach.call(files, function (file) {
			if (file.size > max) {
				problems.push(say(zone, 'too-large', file.name, size(file.size), size(max)));
			}
			else if (!accepts(input, file)) {
				problems.push(say(zone, 'not-image', file.name));
			}
			else {
				queue.push(file);
			}
		});
		zone.__problems = problems;
		zone.__queue = queue;
		showErrors(zone, problems);
		next(zone);
	}

	function next(zone) {
		var status = zone.querySelector('[data-upload-status]');
		var file = zone.__queue.shift();
		zone.__current = file;
		if (!file) {
			if (status) {
				status.hidden = true;
			}
			return;
		}
		var input = zone.querySelector('input[type=file]');
		var transfer = new DataTransfer();
		transfer.items.add(file);
		input.files = transfer.files;
		if (status) {
			status.hidden = false;
			status.querySelector('progress').value = 0;
			status.querySelector('[data-upload-label]').textContent = say(zone, 'sending', file.name);
		}
		window.htmx.trigger(zone, 'submit');
	}

	on('click', '[data-dropzone]', function (e, zone) {
		if (e.target.tagName !== 'INPUT' && !e.target.closest('[data-upload-error], [data-upload-status]')) {
			zone.querySelector('input[type=file]').click();
		}
	});
	on('change', '[data-dropzone] input[type=file]', function (e, input) {
		if (input.files.length && !input.closest('[data-dropzone]').__current) {
			start(input.closest('[data-dropzone]'), Array.prototype.slice.call(input.files));
		}
	});
	['dragenter', 'dragover'].forEach(function (type) {
		on(type, '[data-dropzone]', function (e, zone) { e.preventDefault(); zone.classList.add('over'); });
	});
	on('dragleave', '[data-dropzone]', function (e, zone) { zone.classList.remove('over'); });
	on('drop', '[data-dropzone]', function (e, zone) {
		e.preventDefault();
		zone.classList.remove('over');
		start(zone, Array.prototype.slice.call(e.dataTransfer.files));
	});
	document.addEventListener('htmx:xhr:progress', function (e) {
		var zone = e.target.closest && e.target.closest('[data-dropzone]');
		var bar = zone && zone.querySelector('[data-upload-status] progress');
		if (bar && e.detail.lengthComputable && e.detail.total > 0) {
			bar.value = Math.round(100 * e.detail.loaded / e.detail.total);
		}
	});
	document.addEventListener('htmx:afterRequest', function (e) {
		var zone = e.target.closest && e.target.closest('[data-dropzone]');
		if (!zone || !zone.__current) {
			return;
		}
		var file = zone.__current;
		var xhr = e.detail.xhr;
		if (!e.detail.successful) {
			// the server's own words when it sent some (a refusal names the file or the limit)
			var said = (xhr && xhr.status && xhr.responseText)
				? new DOMParser().parseFromString(xhr.responseText, 'text/html').body.textContent.trim() : '';
			var max = +zone.getAttribute('data-max-bytes') || 0;
			zone.__problems.push(said && said.length < 400 ? said : say(zone, 'failed', file.name, size(max)));
			showErrors(zone, zone.__problems);
		}
		next(zone);
	});

	// ---- any other file field: the server's limit, checked on choosing
	on('change', 'input[type=file]', function (e, input) {
		if (input.closest('[data-dropzone]')) {
			return;
		}
		var max = +document.body.getAttribute('data-max-upload') || Infinity;
		var field = input.closest('.field') || input.parentNode;
		var problems = Array.prototype.filter.call(input.files, function (f) { return f.size > max; })
			.map(function (f) { return say(input, 'too-large', f.name, size(f.size), size(max)); });
		if (problems.length) {
			input.value = '';
		}
		showErrors(field, problems);
	});

	window.kefu.uploads = { start: start };
})();

/* Forms that must not lose what was typed (form[data-draft]: the rule and app editors).
   - Leaving the page with unsaved changes asks first (beforeunload); saving does not.
   - What is typed is kept in this tab's session storage as it is typed (never password fields).
     When the session runs out, saving (or the live preview) leads to the sign-in page, and
     signing in back to this page, which puts the draft back and says so, with a button to
     throw it away. A draft is for one page: any other page, or this one answering a save
     (data-draft-settled: saved, or shown again with its errors), forgets it. */
(function () {
	'use strict';
	var KEY = 'kefu.draft';
	var form = document.querySelector('form[data-draft]');
	var dirty = false;
	var leaving = false;

	function here() { return window.location.pathname + window.location.search; }

	function read() {
		try { return JSON.parse(window.sessionStorage.getItem(KEY)); } catch (e) { return null; }
	}

	function forget() {
		try { window.sessionStorage.removeItem(KEY); } catch (e) { /* storage off: nothing kept */ }
	}

	function fields(f) {
		var pairs = [];
		new FormData(f).forEach(function (value, name) {
			var el = f.elements[name];
			var secret = el && (el.type === 'password' || (el[0] && el[0].type === 'password'));
			if (typeof value === 'string' && name !== '_csrf' && !secret) {
				pairs.push([name, value]);
			}
		});
		return pairs;
	}

	function keep() {
		try {
			window.sessionStorage.setItem(KEY, JSON.stringify({ path: here(), at: Date.now(), fields: fields(form) }));
		} catch (e) { /* storage full or off: the guard still asks before leaving */ }
	}

	function restore(f, pairs) {
		var hooks = (window.kefu.draftHooks || []);
		hooks.forEach(function (h) { if (h.before) { h.before(f, pairs); } });
		var values = {};
		pairs.forEach(function (p) { (values[p[0]] = values[p[0]] || []).push(p[1]); });
		Array.prototype.forEach.call(f.elements, function (el) {
			if (!el.name || el.name === '_csrf' || ['password', 'file', 'submit', 'button', 'reset'].indexOf(el.type) >= 0) {
				return;
			}
			var given = values[el.name] || [];
			if (el.type === 'checkbox' || el.type === 'radio') {
				el.checked = given.indexOf(el.value) >= 0;
			}
			else if (given.length) {
				el.value = given.shift();
			}
			else if (el.type !== 'hidden') {
				el.value = '';
			}
		});
		hooks.forEach(function (h) { if (h.after) { h.after(f, pairs); } });
	}

	function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

	function announce(f, at) {
		var note = document.createElement('div');
		note.className = 'alert info';
		note.setAttribute('data-test', 'draft-restored');
		var text = document.createElement('span');
		text.className = 'grow';
		text.textContent = (f.getAttribute('data-msg-restored') || '')
			.replace('{0}', new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
		var discard = document.createElement('button');
		discard.type = 'button';
		discard.className = 'btn sm';
		discard.setAttribute('data-test', 'discard-draft');
		discard.textContent = f.getAttribute('data-msg-discard') || '×';
		discard.addEventListener('click', function () {
			forget();
			leaving = true;
			window.location.reload();
		});
		note.appendChild(text);
		note.appendChild(discard);
		var anchor = f.closest('.split') || f;
		anchor.parentNode.insertBefore(note, anchor);
	}

	// after every deferred script, so the editors' own parts (keyword chips, reply cards) can be rebuilt
	document.addEventListener('DOMContentLoaded', function () {
		var draft = read();
		if (!form) {
			if (draft) {
				forget();
			}
			return;
		}
		if (draft && draft.path === here() && !form.hasAttribute('data-draft-settled')
				&& !same(draft.fields, fields(form))) {
			restore(form, draft.fields);
			dirty = true;
			announce(form, draft.at);
		}
		else if (draft) {
			forget();
		}
		dirty = dirty || form.hasAttribute('data-dirty');
	});
	if (!form) {
		return;
	}

	function changed() {
		dirty = true;
		keep();
	}
	form.addEventListener('input', changed);
	form.addEventListener('change', changed);
	form.addEventListener('kefu:changed', changed);
	form.addEventListener('submit', function () {
		leaving = true;
		keep();
	});
	// the session ran out: htmx goes to the sign-in page, and the draft goes along
	document.addEventListener('htmx:beforeOnLoad', function (e) {
		if (e.detail.xhr && e.detail.xhr.status === 401) {
			leaving = true;
			if (dirty) {
				keep();
			}
		}
	});
	window.addEventListener('beforeunload', function (e) {
		if (dirty && !leaving) {
			e.preventDefault();
			e.returnValue = '';
		}
	});
})();
