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

	window.kefu = window.kefu || {};
	window.kefu.on = on;
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

/* Assets: drop files on the zone (or click it) to upload them one by one through htmx. */
(function () {
	'use strict';
	var on = window.kefu.on;
	function upload(zone, files) {
		var input = zone.querySelector('input[type=file]');
		Array.prototype.forEach.call(files, function (file, i) {
			setTimeout(function () {
				var transfer = new DataTransfer();
				transfer.items.add(file);
				input.files = transfer.files;
				window.htmx.trigger(zone, 'submit');
			}, i * 400);
		});
	}
	on('click', '[data-dropzone]', function (e, zone) {
		if (e.target.tagName !== 'INPUT') {
			zone.querySelector('input[type=file]').click();
		}
	});
	on('change', '[data-dropzone] input[type=file]', function (e, input) {
		if (input.files.length && !input.__sending) {
			input.__sending = true;
			window.htmx.trigger(input.closest('[data-dropzone]'), 'submit');
			setTimeout(function () { input.__sending = false; }, 0);
		}
	});
	['dragenter', 'dragover'].forEach(function (type) {
		on(type, '[data-dropzone]', function (e, zone) { e.preventDefault(); zone.classList.add('over'); });
	});
	on('dragleave', '[data-dropzone]', function (e, zone) { zone.classList.remove('over'); });
	on('drop', '[data-dropzone]', function (e, zone) {
		e.preventDefault();
		zone.classList.remove('over');
		upload(zone, e.dataTransfer.files);
	});
})();
