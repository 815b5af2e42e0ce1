package editor

// pageHTML is every editor page: GOV.UK Frontend's form patterns (labels,
// hints, an error summary linking to each field, errors beside fields),
// styled by the site's own CSS and editor.css, with no script.
const pageHTML = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Errors}}Error: {{end}}{{.Heading}} – safeguard editor</title>
<link rel="stylesheet" href="/_edit/_assets/main.css">
<link rel="stylesheet" href="/_edit/_assets/editor.css">
</head>
<body class="editor">
<a class="skip-link" href="#main">Skip to the form</a>
<header class="editor-header"><div class="wrap"><p><strong>safeguard editor</strong> · only on this computer, in the preview · <a href="/">Home page of the preview</a></p></div></header>
<main id="main" class="wrap" tabindex="-1">
{{- if .From}}<p><a class="govuk-back-link" href="{{.From}}">Back to the page</a></p>{{end}}
{{- if .Notice}}<div class="govuk-notification" role="status"><p>{{.Notice}}</p></div>{{end}}
{{- if .Errors}}
<div class="govuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1">
<h2 class="govuk-error-summary__title" id="error-summary-title">There is a problem</h2>
<ul class="govuk-error-summary__list">
{{- range .Errors}}<li><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}
</ul>
</div>
{{- end}}
<h1>{{.Heading}}</h1>
{{- if .Problem}}<p>{{.Problem}}</p>{{end}}

{{- if .NewForm}}
<form method="post" action="/_edit/_new" novalidate>
<input type="hidden" name="token" value="{{.Token}}">
<div class="govuk-form-group">
<fieldset class="govuk-fieldset">
<legend class="govuk-fieldset__legend">What kind of page is it?</legend>
<div class="govuk-radios">
{{- range .Kinds}}
<div class="govuk-radios__item"><input class="govuk-radios__input" type="radio" id="kind-{{.Value}}" name="kind" value="{{.Value}}"{{if .Selected}} checked{{end}}><label class="govuk-label govuk-radios__label" for="kind-{{.Value}}">{{.Label}}</label></div>
{{- end}}
</div>
</fieldset>
</div>
<div class="govuk-form-group{{if .TitleError}} govuk-form-group--error{{end}}">
<label class="govuk-label" for="title">Title</label>
<div class="govuk-hint" id="title-hint">Under 65 characters. The page's address is made from it.</div>
{{- if .TitleError}}<p class="govuk-error-message" id="title-error"><span class="visually-hidden">Error:</span> {{.TitleError}}</p>{{end}}
<input class="govuk-input{{if .TitleError}} govuk-input--error{{end}}" id="title" name="title" type="text" value="{{.Title}}" aria-describedby="title-hint{{if .TitleError}} title-error{{end}}">
</div>
<button class="govuk-button" type="submit">Continue</button>
</form>
{{- end}}

{{- if .Confirm}}
<p>Deleting <code>{{.File}}</code> removes the page from the site.</p>
{{- if .Linking}}
<p>These pages link to it or use it. Their links would break, and the checks would stop the site being published until you change them:</p>
<ul>{{range .Linking}}<li>{{.}}</li>{{end}}</ul>
{{- else}}
<p>No other page links to it.</p>
{{- end}}
<form method="post" action="/_edit/_delete">
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="file" value="{{.File}}">
<input type="hidden" name="confirm" value="yes">
<button class="govuk-button govuk-button--warning" type="submit">Yes, delete this page</button>
{{- if .From}} <a class="govuk-link" href="{{.From}}">No, keep it</a>{{end}}
</form>
{{- end}}

{{- if .Rename}}
<p>The new address breaks the links of these pages to this one. After you change it, change their links too, or the checks will stop the site being published:</p>
<ul>{{range .Linking}}<li>{{.}}</li>{{end}}</ul>
<form method="post" action="/_edit/_save">
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="confirm_rename" value="yes">
{{- range .Hidden}}<input type="hidden" name="{{.Label}}" value="{{.Value}}">{{end}}
<button class="govuk-button" type="submit">Change the address</button>
{{- if .From}} <a class="govuk-link" href="{{.From}}">No, keep it</a>{{end}}
</form>
{{- end}}

{{- if .Inputs}}
<form method="post" action="/_edit/_save" novalidate>
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="file" value="{{.File}}">
<input type="hidden" name="from" value="{{.From}}">
{{- if .New}}<input type="hidden" name="new" value="1">{{end}}
<p class="govuk-hint">File: <code>{{.File}}</code></p>
{{- range .Inputs}}{{template "input" .}}{{end}}
{{- if .Rules}}
<div class="govuk-form-group">
<p class="govuk-label">Checks switched off on this page</p>
<pre class="rules">{{.Rules}}</pre>
<p class="govuk-hint">These stay as they are. To change them, edit the file in a text editor.</p>
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
<dt><code>{{"{{"}}&lt; contact "emergency" &gt;{{"}}"}}</code></dt><dd>a contact's details, by its file name</dd>
</dl>
</div>
</details>
{{- if .Error}}<p class="govuk-error-message" id="body-error"><span class="visually-hidden">Error:</span> {{.Error}}</p>{{end}}
<textarea class="govuk-textarea{{if .Error}} govuk-textarea--error{{end}}" id="body" name="body" rows="20" aria-describedby="{{.Describedby}}">
{{.Value}}</textarea>
</div>
{{- end}}
<div class="govuk-button-group">
<button class="govuk-button" type="submit" name="action" value="save">Save</button>
<button class="govuk-button govuk-button--secondary" type="submit" name="action" value="draft">Save as draft</button>
</div>
</form>
{{- if not .New}}
<form method="post" action="/_edit/_delete">
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="file" value="{{.File}}">
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
