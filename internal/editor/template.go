package editor

// pageHTML is every editor page: GOV.UK Frontend's form patterns (labels,
// hints, an error summary linking to each field and taking the focus,
// errors beside fields, the notification banner), styled by the site's own
// CSS and editor.css. editor.js only helps (the address as the title is
// typed, a contact at the cursor); every page works without it.
const pageHTML = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Errors}}Error: {{end}}{{.Heading}} – safeguard editor</title>
<link rel="stylesheet" href="/_edit/_assets/main.css">
<link rel="stylesheet" href="/_edit/_assets/editor.css">
<script src="/_edit/_assets/editor.js" defer></script>
</head>
<body class="editor">
<a class="skip-link" href="#main">Skip to the form</a>
<header class="editor-header"><div class="wrap"><p><strong>safeguard editor</strong> · only on this computer, in the preview · <a href="/">Home page of the preview</a></p></div></header>
<main id="main" class="wrap" tabindex="-1">
{{- if .From}}<p><a class="govuk-back-link" href="{{.From}}">Back to the page</a></p>{{end}}
{{- if .Saved}}
<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title" tabindex="-1" autofocus>
<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="saved-title">Saved</h2></div>
<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{{.Saved}}</p>{{if .View}}<p><a class="govuk-notification-banner__link" href="{{.View}}">View the page</a></p>{{end}}</div>
</div>
{{- end}}
{{- if .Errors}}
<div class="govuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1"{{if not .Saved}} autofocus{{end}}>
<h2 class="govuk-error-summary__title" id="error-summary-title">There is a problem</h2>
<ul class="govuk-error-summary__list">
{{- range .Errors}}<li><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}
</ul>
</div>
{{- end}}
<h1>{{.Heading}}</h1>
{{- if .Problem}}<p>{{.Problem}}</p>{{end}}
{{- if .Lost}}
<div class="govuk-form-group">
{{- if .LostTitle}}<p>Title: {{.LostTitle}}</p>{{end}}
<label class="govuk-label" for="lost">{{if .Changed}}The text as it is now{{else}}Your text{{end}}</label>
<textarea class="govuk-textarea" id="lost" rows="12" readonly>
{{.Lost}}</textarea>
</div>
{{- end}}

{{- if .NewForm}}
<form method="post" action="/_edit/_new" novalidate>
<input type="hidden" name="token" value="{{.Token}}">
<div class="govuk-form-group{{if .KindError}} govuk-form-group--error{{end}}">
<fieldset class="govuk-fieldset"{{if .KindError}} aria-describedby="kind-error"{{end}}>
<legend class="govuk-fieldset__legend">What kind of page is it?</legend>
{{- if .KindError}}<p class="govuk-error-message" id="kind-error"><span class="visually-hidden">Error:</span> {{.KindError}}</p>{{end}}
<div class="govuk-radios">
{{- range .Kinds}}
<div class="govuk-radios__item"><input class="govuk-radios__input" type="radio" id="kind-{{.Value}}" name="kind" value="{{.Value}}"{{if .Selected}} checked{{end}}><label class="govuk-label govuk-radios__label" for="kind-{{.Value}}">{{.Label}}</label></div>
{{- end}}
</div>
</fieldset>
</div>
<div class="govuk-form-group{{if .TitleError}} govuk-form-group--error{{end}}">
<label class="govuk-label" for="title">Title</label>
<div class="govuk-hint" id="title-hint">Under 65 characters. Say what the page is about in plain words.</div>
{{- if .TitleError}}<p class="govuk-error-message" id="title-error"><span class="visually-hidden">Error:</span> {{.TitleError}}</p>{{end}}
<input class="govuk-input{{if .TitleError}} govuk-input--error{{end}}" id="title" name="title" type="text" value="{{.Title}}" aria-describedby="title-hint{{if .TitleError}} title-error{{end}}">
</div>
<div class="govuk-form-group{{if .AddressError}} govuk-form-group--error{{end}}">
<label class="govuk-label" for="address">Address</label>
<div class="govuk-hint" id="address-hint">The last part of the page's web address, made from the title: a-z, 0-9 and -. Leave it empty to have it made for you.</div>
{{- if .AddressNote}}<p class="govuk-inset-text" id="address-note">{{.AddressNote}}</p>{{end}}
{{- if .AddressError}}<p class="govuk-error-message" id="address-error"><span class="visually-hidden">Error:</span> {{.AddressError}}{{if .Existing}} <a href="{{.Existing}}">Open the page that has this address</a>{{end}}</p>{{end}}
<input class="govuk-input{{if .AddressError}} govuk-input--error{{end}}" id="address" name="address" type="text" value="{{.Address}}" spellcheck="false" autocomplete="off" aria-describedby="address-hint{{if .AddressNote}} address-note{{end}}{{if .AddressError}} address-error{{end}}">
</div>
<button class="govuk-button" type="submit">Continue</button>
</form>
{{- end}}

{{- if .Confirm}}
{{- if .Changed}}
<p>Someone changed this page after you opened it. Check the page as it is now before you delete it.</p>
{{- else}}
<p>Deleting the page removes it from the site.</p>
{{- end}}
{{- if .Linking}}
<p>These pages link to it or use it. Their links would break, and the checks would stop the site being published until you change them:</p>
<ul>{{range .Linking}}<li>{{.}}</li>{{end}}</ul>
{{- else}}
<p>No other page links to it.</p>
{{- end}}
<form method="post" action="/_edit/_delete">
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="page" value="{{.Page}}">
<input type="hidden" name="version" value="{{.Version}}">
<input type="hidden" name="from" value="{{.From}}">
<input type="hidden" name="confirm" value="yes">
<div class="govuk-button-group">
<button class="govuk-button govuk-button--warning" type="submit">Yes, delete this page</button>
{{- if .From}} <a class="govuk-link" href="{{.From}}">No, keep it</a>{{end}}
</div>
</form>
{{- end}}

{{- if .Confirmed}}
{{- if .Rename}}
<p>The new address breaks the links of these pages to this one. After you change it, change their links too, or the checks will stop the site being published:</p>
<ul>{{range .Linking}}<li>{{.}}</li>{{end}}</ul>
{{- else}}
<p>A draft is not on the site. Saving this page as a draft takes it off the site until you publish it again.</p>
{{- if .Linking}}
<p>These pages link to it or use it. Their links will be listed as warnings to fix until the page is published again:</p>
<ul>{{range .Linking}}<li>{{.}}</li>{{end}}</ul>
{{- else}}
<p>No other page links to it.</p>
{{- end}}
{{- end}}
<form method="post" action="/_edit/_save">
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="{{.Confirmed}}" value="yes">
{{- range .Hidden}}<input type="hidden" name="{{.Label}}" value="{{.Value}}">{{end}}
<div class="govuk-button-group">
{{- if .Rename}}
<button class="govuk-button" type="submit">Change the address</button>
{{- else}}
<button class="govuk-button" type="submit">Yes, save it as a draft</button>
{{- end}}
{{- if .From}} <a class="govuk-link" href="{{.From}}">No, go back to the page</a>{{end}}
</div>
</form>
{{- end}}

{{- if .Conflict}}
<p>Someone else saved this page after you opened it. Nothing has been saved yet. For each part that differs, choose which to keep. To keep parts of both texts, copy from one box into the other after you save.</p>
<form method="post" action="/_edit/_save" novalidate>
<input type="hidden" name="token" value="{{.Token}}">
{{- range .Hidden}}<input type="hidden" name="{{.Label}}" value="{{.Value}}">{{end}}
{{- range .Conflict}}
<div class="govuk-form-group">
<fieldset class="govuk-fieldset">
<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{{.Label}}</legend>
{{- if .Long}}
<div class="conflict-texts">
<div><label class="govuk-label" for="{{.ID}}-mine-text">Your text</label>
<textarea class="govuk-textarea" id="{{.ID}}-mine-text" rows="10" readonly>
{{.Mine}}</textarea></div>
<div><label class="govuk-label" for="{{.ID}}-theirs-text">The text saved by someone else</label>
<textarea class="govuk-textarea" id="{{.ID}}-theirs-text" rows="10" readonly>
{{.Theirs}}</textarea></div>
</div>
{{- end}}
<div class="govuk-radios">
<div class="govuk-radios__item"><input class="govuk-radios__input" type="radio" id="{{.ID}}" name="pick.{{.Name}}" value="mine"{{if .PickMine}} checked{{end}}><label class="govuk-label govuk-radios__label" for="{{.ID}}">Keep yours{{if not .Long}}: <strong>{{.Mine}}</strong>{{end}}</label></div>
<div class="govuk-radios__item"><input class="govuk-radios__input" type="radio" id="{{.ID}}-theirs" name="pick.{{.Name}}" value="theirs"{{if not .PickMine}} checked{{end}}><label class="govuk-label govuk-radios__label" for="{{.ID}}-theirs">Keep the one saved{{if not .Long}}: <strong>{{.Theirs}}</strong>{{end}}</label></div>
</div>
</fieldset>
</div>
{{- end}}
<div class="govuk-button-group">
<button class="govuk-button" type="submit" name="action" value="{{.Action}}">Save my choices</button>
{{- if .From}} <a class="govuk-link" href="/_edit{{.From}}">Start again from the page as it is now</a>{{end}}
</div>
</form>
{{- end}}

{{- if .Previewing}}
<h2>Preview</h2>
<p>This is how the page will look. Nothing is saved yet: change the form below, then save.</p>
{{- if .PreviewID}}
<iframe class="preview-frame" title="Preview of the page" src="/_edit/_preview/{{.PreviewID}}/page"></iframe>
{{- if .HasFragment}}
<h3>In the @Home newsletter</h3>
<iframe class="preview-frame preview-frame--email" title="Preview of the newsletter article" src="/_edit/_preview/{{.PreviewID}}/fragment"></iframe>
{{- end}}
{{- else}}
<p>{{.PreviewNote}}</p>
{{- end}}
{{- end}}

{{- if .Inputs}}
<form method="post" action="/_edit/_save" novalidate>
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="page" value="{{.Page}}">
<input type="hidden" name="version" value="{{.Version}}">
<input type="hidden" name="from" value="{{.From}}">
{{- if .New}}<input type="hidden" name="new" value="1"><input type="hidden" name="kind" value="{{.Kind}}">{{end}}
{{- if and .IsDraft (not .New)}}<p class="govuk-inset-text">This page is a draft: it is not on the site. Select Save and publish when it is ready.</p>{{end}}
{{- range .Inputs}}{{template "input" .}}{{end}}
{{- if .Rules}}
<div class="govuk-form-group">
<p class="govuk-label">Checks switched off on this page</p>
<pre class="rules">{{.Rules}}</pre>
<p class="govuk-hint">These stay as they are. To change them, change the page in a text editor.</p>
</div>
{{- end}}
{{- with .Body}}
<div class="govuk-form-group{{if .Error}} govuk-form-group--error{{end}}">
<label class="govuk-label govuk-label--m" for="body">{{.Label}}</label>
<div class="govuk-hint" id="body-hint">{{.Hint}}</div>
<details class="govuk-details">
<summary class="govuk-details__summary"><span class="govuk-details__summary-text">How to write headings, lists and links</span></summary>
<div class="govuk-details__text">
<dl class="cheat">
<dt><code>## Who to call</code></dt><dd>a heading (the title is the only # heading)</dd>
<dt><code>- Call 101</code></dt><dd>an item of a list; start each item on a new line</dd>
<dt><code>1. First step</code></dt><dd>an item of a numbered list</dd>
<dt><code>**important**</code></dt><dd>bold text</dd>
<dt><code>[How to share a concern](/act-early/how-to-share-a-concern/)</code></dt><dd>a link: the words say where it goes</dd>
<dt><code>{{"{{"}}&lt; contact "emergency" &gt;{{"}}"}}</code></dt><dd>a contact's details: use Add a contact to the text, below the text box</dd>
</dl>
</div>
</details>
{{- if .Error}}<p class="govuk-error-message" id="body-error"><span class="visually-hidden">Error:</span> {{.Error}}</p>{{end}}
<textarea class="govuk-textarea{{if .Error}} govuk-textarea--error{{end}}" id="body" name="body" rows="20" aria-describedby="{{.Describedby}}">
{{.Value}}</textarea>
<p class="preview-row"><button class="govuk-button govuk-button--secondary" type="submit" name="action" value="preview">Preview</button> <span class="govuk-hint">See the page and its newsletter article as they will look, before you save.</span></p>
</div>
{{- end}}
{{- if .Contacts}}
<div class="govuk-form-group contact-picker">
<label class="govuk-label" for="pick-contact">Add a contact to the text</label>
<div class="govuk-hint" id="pick-contact-hint">Its phone numbers and address are shown where the cursor is in the text (or at the end).</div>
{{- if .ContactNote}}<p class="govuk-inset-text" id="pick-contact-note" role="status">{{.ContactNote}}</p>{{end}}
<div class="picker-row">
<select class="govuk-select" id="pick-contact" name="pick_contact" aria-describedby="pick-contact-hint{{if .ContactNote}} pick-contact-note{{end}}">
{{- range .Contacts}}<option value="{{.Value}}">{{.Label}}</option>{{end}}
</select>
<button class="govuk-button govuk-button--secondary" type="submit" name="action" value="contact" id="add-contact">Add the contact</button>
</div>
</div>
{{- end}}
<div class="govuk-button-group">
<button class="govuk-button" type="submit" name="action" value="save">{{if .IsDraft}}Save and publish{{else}}Save{{end}}</button>
<button class="govuk-button govuk-button--secondary" type="submit" name="action" value="draft">Save as draft</button>
</div>
</form>
{{- if not .New}}
<form method="post" action="/_edit/_delete">
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="page" value="{{.Page}}">
<input type="hidden" name="version" value="{{.Version}}">
<input type="hidden" name="from" value="{{.From}}">
<button class="govuk-button govuk-button--warning" type="submit">Delete this page</button>
</form>
{{- end}}
{{- end}}
</main>
</body>
</html>

{{- define "label"}}{{.Label}}{{if not .Required}} (optional){{end}}{{end}}
{{- define "hint"}}{{if .Hint}}<div class="govuk-hint" id="{{.ID}}-hint">{{.Hint}}</div>{{end}}{{end}}
{{- define "error"}}{{if .Error}}<p class="govuk-error-message" id="{{.ID}}-error"><span class="visually-hidden">Error:</span> {{.Error}}</p>{{end}}{{end}}

{{- define "input"}}
{{- if or (eq .Type "date") (eq .Type "datetime")}}
<div class="govuk-form-group{{if .Error}} govuk-form-group--error{{end}}">
<fieldset class="govuk-fieldset" role="group"{{with .Describedby}} aria-describedby="{{.}}"{{end}}>
<legend class="govuk-fieldset__legend">{{template "label" .}}</legend>
{{template "hint" .}}{{template "error" .}}
<div class="govuk-date-input">
<div class="govuk-date-input__item"><label class="govuk-label" for="{{.ID}}-day">Day</label><input class="govuk-input govuk-input--w2{{if .Error}} govuk-input--error{{end}}" id="{{.ID}}-day" name="{{.Name}}.day" type="text" inputmode="numeric" value="{{.Day}}"></div>
<div class="govuk-date-input__item"><label class="govuk-label" for="{{.ID}}-month">Month</label><input class="govuk-input govuk-input--w2{{if .Error}} govuk-input--error{{end}}" id="{{.ID}}-month" name="{{.Name}}.month" type="text" inputmode="numeric" value="{{.Month}}"></div>
<div class="govuk-date-input__item"><label class="govuk-label" for="{{.ID}}-year">Year</label><input class="govuk-input govuk-input--w4{{if .Error}} govuk-input--error{{end}}" id="{{.ID}}-year" name="{{.Name}}.year" type="text" inputmode="numeric" value="{{.Year}}"></div>
{{- if eq .Type "datetime"}}
<div class="govuk-date-input__item"><label class="govuk-label" for="{{.ID}}-time">Time (optional)</label><input class="govuk-input govuk-input--w4{{if .Error}} govuk-input--error{{end}}" id="{{.ID}}-time" name="{{.Name}}.time" type="text" value="{{.Time}}"></div>
{{- end}}
</div>
</fieldset>
</div>
{{- else if eq .Type "bool"}}
<div class="govuk-form-group{{if .Error}} govuk-form-group--error{{end}}">
{{template "error" .}}
<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" type="checkbox" id="{{.ID}}" name="{{.Name}}" value="true"{{if .Checked}} checked{{end}}{{with .Describedby}} aria-describedby="{{.}}"{{end}}><label class="govuk-label govuk-checkboxes__label" for="{{.ID}}">{{.Label}}</label>{{template "hint" .}}</div>
</div>
{{- else if eq .Type "contacts"}}
<div class="govuk-form-group{{if .Error}} govuk-form-group--error{{end}}">
<fieldset class="govuk-fieldset"{{with .Describedby}} aria-describedby="{{.}}"{{end}}>
<legend class="govuk-fieldset__legend">{{template "label" .}}</legend>
{{template "hint" .}}{{template "error" .}}
<div class="govuk-checkboxes govuk-checkboxes--small">
{{- $in := .}}{{range $i, $o := .Options}}
<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" type="checkbox" id="{{$in.ID}}-{{$i}}" name="{{$in.Name}}" value="{{$o.Value}}"{{if $o.Selected}} checked{{end}}><label class="govuk-label govuk-checkboxes__label" for="{{$in.ID}}-{{$i}}">{{$o.Label}}</label></div>
{{- else}}<p>The site has no contacts yet.</p>{{end}}
</div>
</fieldset>
</div>
{{- else if or (eq .Type "group") (eq .Type "phones")}}
<div class="govuk-form-group{{if .Error}} govuk-form-group--error{{end}}">
<fieldset class="govuk-fieldset"{{with .Describedby}} aria-describedby="{{.}}"{{end}}>
<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{{template "label" .}}</legend>
{{template "hint" .}}{{template "error" .}}
{{- range .Sub}}{{template "input" .}}{{end}}
</fieldset>
</div>
{{- else}}
<div class="govuk-form-group{{if .Error}} govuk-form-group--error{{end}}">
<label class="govuk-label" for="{{.ID}}">{{template "label" .}}</label>
{{template "hint" .}}{{template "error" .}}
{{- if or (eq .Type "contact") (eq .Type "choice")}}
<select class="govuk-select{{if .Error}} govuk-select--error{{end}}" id="{{.ID}}" name="{{.Name}}"{{with .Describedby}} aria-describedby="{{.}}"{{end}}>
{{- range .Options}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}
</select>
{{- else if eq .Type "list"}}
<textarea class="govuk-textarea{{if .Error}} govuk-textarea--error{{end}}" id="{{.ID}}" name="{{.Name}}" rows="3"{{with .Describedby}} aria-describedby="{{.}}"{{end}}>
{{.Value}}</textarea>
{{- else}}
<input class="govuk-input{{if .Error}} govuk-input--error{{end}}{{if or (eq .Type "int") (eq .Type "issue")}} govuk-input--w4{{end}}" id="{{.ID}}" name="{{.Name}}" type="{{if eq .Type "email"}}email{{else if eq .Type "url"}}url{{else}}text{{end}}"{{if eq .Type "int"}} inputmode="numeric"{{end}} value="{{.Value}}"{{with .Describedby}} aria-describedby="{{.}}"{{end}}{{if eq .Type "email"}} autocomplete="off"{{end}} spellcheck="{{if or (eq .Type "text") (eq .Type "list")}}true{{else}}false{{end}}">
{{- end}}
</div>
{{- end}}
{{- end}}
`
