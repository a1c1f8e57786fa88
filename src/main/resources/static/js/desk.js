/* kefu agent desk: live updates from the server's event stream, reloading the list and the open
   conversation through htmx; the tab title counts new messages until a conversation is opened, and
   a short chime announces them if the agent turned the sound on (per browser, off by default).
   Notes and tags changed at another desk replace the shown ones, unless they are being edited
   here: then a notice says who changed them and offers to load theirs.
   Quick replies fill the reply form with one click, or by typing / and the shortcut. While the
   agent types a reply, the server is told at most every few seconds, so WeChat shows the user
   "typing…" (the server decides whether and when to ask WeChat). */
(function () {
	'use strict';

	// the fields of the chosen reply type only; hidden ones are disabled, so they are not sent
	function showKind(form, kind) {
		form.querySelectorAll('[data-desk-kind]').forEach(function (el) {
			var other = el.getAttribute('data-desk-kind') !== kind;
			el.hidden = other;
			el.disabled = other;
		});
	}

	document.addEventListener('change', function (e) {
		if (e.target.matches('[data-desk-type]')) {
			showKind(e.target.form, e.target.value);
		}
	});

	var FIELDS = {title: 'data-title', description: 'data-description', url: 'data-url', assetId: 'data-asset-id',
		pagePath: 'data-page-path', thumbAssetId: 'data-thumb-asset-id'};

	/** The "/shortcut" being typed just before the caret, or null. */
	function slashToken(area) {
		var before = area.value.substring(0, area.selectionStart);
		var match = /(^|\s)\/([^\s\/]*)$/.exec(before);
		return match ? {start: before.length - match[2].length - 1, prefix: match[2]} : null;
	}

	/** Puts a quick reply into the form: its text at the caret (over a typed "/shortcut"), or its card's fields. */
	function insert(form, quick) {
		var type = quick.getAttribute('data-type');
		var select = form.querySelector('[data-desk-type]');
		if (!select.querySelector('option[value="' + type + '"]')) {
			return;
		}
		var area = form.querySelector('textarea[name=content]');
		var token = slashToken(area);
		if (token) {
			area.value = area.value.substring(0, token.start) + area.value.substring(area.selectionStart);
			area.selectionStart = area.selectionEnd = token.start;
		}
		select.value = type;
		showKind(form, type);
		if (type === 'text') {
			var at = area.selectionStart;
			var content = quick.getAttribute('data-content') || '';
			area.value = area.value.substring(0, at) + content + area.value.substring(area.selectionEnd);
			area.selectionStart = area.selectionEnd = at + content.length;
			area.focus();
			return;
		}
		var kind = form.querySelector('[data-desk-kind="' + type + '"]');
		Object.keys(FIELDS).forEach(function (name) {
			var field = kind.querySelector('[name="' + name + '"]');
			if (field) {
				field.value = quick.getAttribute(FIELDS[name]) || '';
			}
		});
	}

	function suggestions(form) {
		return form.querySelector('[data-quick-suggest]');
	}

	function hideSuggestions(form) {
		var list = suggestions(form);
		if (list) {
			list.hidden = true;
			list.innerHTML = '';
		}
	}

	/** Lists the quick replies whose shortcut starts with what follows the typed "/". */
	function suggest(form, area) {
		var list = suggestions(form);
		var token = slashToken(area);
		if (!list || !token) {
			hideSuggestions(form);
			return;
		}
		list.innerHTML = '';
		form.querySelectorAll('[data-quick]').forEach(function (quick) {
			var shortcut = quick.getAttribute('data-shortcut');
			if (shortcut.toLowerCase().indexOf(token.prefix.toLowerCase()) === 0) {
				var item = document.createElement('li');
				item.textContent = '/' + shortcut + '  ' + (quick.getAttribute('title') || '');
				item.setAttribute('data-shortcut', shortcut);
				item.setAttribute('data-test', 'desk-quick-option');
				list.appendChild(item);
			}
		});
		if (list.firstChild) {
			list.firstChild.classList.add('on');
		}
		list.hidden = !list.firstChild;
	}

	function choose(form, shortcut) {
		var quick = form.querySelector('[data-quick][data-shortcut="' + CSS.escape(shortcut) + '"]');
		hideSuggestions(form);
		if (quick) {
			insert(form, quick);
		}
	}

	document.addEventListener('click', function (e) {
		var quick = e.target.closest('[data-quick]');
		if (quick) {
			e.preventDefault();
			insert(quick.form, quick);
			return;
		}
		var option = e.target.closest('[data-quick-suggest] li');
		if (option) {
			choose(option.closest('form'), option.getAttribute('data-shortcut'));
		}
	});

	var TYPING_EVERY = 3000;
	var typingSent = 0;

	function typing(form) {
		var url = form.getAttribute('data-typing');
		var now = Date.now();
		if (!url || now - typingSent < TYPING_EVERY) {
			return;
		}
		typingSent = now;
		var headers = {};
		try {
			headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
		}
		catch (ignored) {
			// no CSRF header: the server refuses the ping, and typing is only a nicety
		}
		fetch(url, {method: 'POST', headers: headers, credentials: 'same-origin'}).catch(function () {});
	}

	// a reply sent ends the typing state: the next keystroke may ask for a new one
	document.addEventListener('htmx:afterRequest', function (e) {
		if (e.detail && e.detail.elt && e.detail.elt.id === 'desk-reply') {
			typingSent = 0;
		}
	});

	document.addEventListener('input', function (e) {
		if (e.target.matches('textarea[name=content]') && e.target.form && e.target.form.querySelector('[data-quick-suggest]')) {
			suggest(e.target.form, e.target);
		}
		if (e.target.form && e.target.form.hasAttribute('data-typing')) {
			typing(e.target.form);
		}
	});

	document.addEventListener('keydown', function (e) {
		var form = e.target.form;
		var list = form && e.target.matches('textarea[name=content]') ? suggestions(form) : null;
		if (!list || list.hidden) {
			return;
		}
		var on = list.querySelector('li.on');
		if (e.key === 'Enter' || e.key === 'Tab') {
			e.preventDefault();
			choose(form, on.getAttribute('data-shortcut'));
		}
		else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
			e.preventDefault();
			var next = (e.key === 'ArrowDown') ? on.nextElementSibling : on.previousElementSibling;
			if (next) {
				on.classList.remove('on');
				next.classList.add('on');
			}
		}
		else if (e.key === 'Escape') {
			hideSuggestions(form);
		}
	});

	var desk = document.querySelector('[data-desk]');
	if (!desk || !window.EventSource) {
		return;
	}
	var title = document.title;
	var unseen = 0;
	var filter = desk.getAttribute('data-filter') || 'waiting';
	var user = desk.getAttribute('data-user') || '';
	var pendingTimer = null;

	function reloadList() {
		var url = desk.getAttribute('data-list') + '?filter=' + encodeURIComponent(filter)
			+ (user ? '&user=' + encodeURIComponent(user) : '');
		window.htmx.ajax('GET', url, {target: '#desk-list', swap: 'innerHTML'});
	}

	function reloadLive() {
		var live = document.getElementById('desk-live');
		if (live) {
			window.htmx.ajax('GET', live.getAttribute('data-live'), {target: '#desk-live', swap: 'outerHTML'});
		}
	}

	function open(openId) {
		user = openId;
		unseen = 0;
		document.title = title;
		var url = desk.getAttribute('data-conversation') + encodeURIComponent(openId);
		window.htmx.ajax('GET', url, {target: '#desk-chat', swap: 'innerHTML'});
		history.replaceState(null, '', '?filter=' + encodeURIComponent(filter) + '&user=' + encodeURIComponent(openId));
		reloadList();
	}

	var SOUND = 'kefu.desk.sound';
	var sound = document.querySelector('[data-desk-sound]');
	var audio = null;

	function soundOn() {
		try {
			return window.localStorage.getItem(SOUND) === 'on';
		}
		catch (ignored) {
			return false;
		}
	}

	/** The audio context, made (or resumed) when allowed: browsers start it only after a click. */
	function audioContext() {
		var Context = window.AudioContext || window.webkitAudioContext;
		if (!Context) {
			return null;
		}
		audio = audio || new Context();
		if (audio.state === 'suspended') {
			audio.resume().catch(function () {});
		}
		return audio;
	}

	/** Two short rising tones; counted on the body (data-chimes) even where no audio can play. */
	function chime() {
		document.body.setAttribute('data-chimes', String((parseInt(document.body.getAttribute('data-chimes'), 10) || 0) + 1));
		try {
			var context = audioContext();
			if (!context) {
				return;
			}
			var now = context.currentTime;
			var tone = context.createOscillator();
			var volume = context.createGain();
			tone.type = 'sine';
			tone.frequency.setValueAtTime(880, now);
			tone.frequency.setValueAtTime(1320, now + 0.12);
			volume.gain.setValueAtTime(0.0001, now);
			volume.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
			volume.gain.exponentialRampToValueAtTime(0.0001, now + 0.35);
			tone.connect(volume);
			volume.connect(context.destination);
			tone.start(now);
			tone.stop(now + 0.4);
		}
		catch (ignored) {
			// no sound here; the title still counts the message
		}
	}

	if (sound) {
		sound.checked = soundOn();
		sound.addEventListener('change', function () {
			try {
				window.localStorage.setItem(SOUND, sound.checked ? 'on' : 'off');
			}
			catch (ignored) {
				// not remembered: private mode or storage full
			}
			if (sound.checked) {
				// the click is what lets the page play sound later
				audioContext();
			}
		});
	}

	function edited(form) {
		return Array.prototype.some.call(form.querySelectorAll('input, textarea'), function (field) {
			return field.value !== field.defaultValue;
		});
	}

	function showNotes(html) {
		var current = document.getElementById('desk-notes');
		current.outerHTML = html;
		window.htmx.process(document.getElementById('desk-notes'));
	}

	/** What the shown notes are: their address, when and by whom they were changed. */
	function loadedNotes(root) {
		return root && root.querySelector('[data-notes-loaded]');
	}

	/** Loads the open user's notes again; shows them unless they are being edited here (or force). */
	function reloadNotes(force) {
		var current = loadedNotes(document.getElementById('desk-notes'));
		if (!current) {
			return;
		}
		var url = current.getAttribute('data-notes');
		fetch(url, {credentials: 'same-origin', headers: {'HX-Request': 'true'}}).then(function (response) {
			return response.ok ? response.text() : null;
		}).then(function (html) {
			var shown = document.getElementById('desk-notes');
			var was = loadedNotes(shown);
			var fresh = html && loadedNotes(new DOMParser().parseFromString(html, 'text/html'));
			// another conversation was opened meanwhile, or nothing changed
			if (!fresh || !was || was.getAttribute('data-notes') !== url
					|| (!force && fresh.getAttribute('data-updated-at') === was.getAttribute('data-updated-at'))) {
				return;
			}
			var form = shown.querySelector('form');
			// this desk's own save is on its way: look again once its answer is shown
			if (!force && form.classList.contains('htmx-request')) {
				setTimeout(function () {
					reloadNotes(false);
				}, 200);
				return;
			}
			if (!force && edited(form)) {
				var notice = shown.querySelector('[data-test=desk-notes-changed]');
				var text = notice.querySelector('[data-changed-by]');
				text.textContent = text.getAttribute('data-changed-by').replace('{0}', fresh.getAttribute('data-updated-by') || '');
				notice.hidden = false;
				return;
			}
			showNotes(html);
		}).catch(function () {});
	}

	document.addEventListener('click', function (e) {
		if (e.target.closest('[data-notes-reload]')) {
			e.preventDefault();
			reloadNotes(true);
		}
	});

	var events = new EventSource(desk.getAttribute('data-events'));
	events.addEventListener('message', function (e) {
		if (e.data !== user || document.hidden) {
			unseen += 1;
			document.title = '(' + unseen + ') ' + (document.documentElement.lang.indexOf('zh') === 0 ? '新消息 · ' : 'New message · ') + title;
			if (soundOn()) {
				chime();
			}
		}
		reloadList();
		if (e.data === user) {
			reloadLive();
		}
	});
	events.addEventListener('change', function (e) {
		reloadList();
		if (!e.data || e.data === user) {
			reloadLive();
		}
	});

	events.addEventListener('note', function (e) {
		if (user && (!e.data || e.data === user)) {
			reloadNotes(false);
		}
	});

	desk.addEventListener('click', function (e) {
		var link = e.target.closest('[data-open-user]');
		if (link) {
			e.preventDefault();
			open(link.getAttribute('data-open-user'));
		}
	});

	// while a reply by hand is on its way, its status is redrawn every second
	document.body.addEventListener('htmx:afterSettle', function () {
		var live = document.getElementById('desk-live');
		if (pendingTimer === null && live && live.getAttribute('data-pending') === 'true') {
			pendingTimer = setTimeout(function () {
				pendingTimer = null;
				reloadLive();
			}, 1000);
		}
	});

	window.addEventListener('focus', function () {
		if (unseen > 0 && user) {
			unseen = 0;
			document.title = title;
		}
	});
}());
