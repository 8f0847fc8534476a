## Citizen bot

welcome =
    Hello, this is Minsheng, the district government's desk for citizens' requests.
    Here you can file a complaint or report; we pass it to the responsible department and answer you within the legal time limit.
privacy-notice =
    Privacy notice
    · What we collect: what you describe, the place, photos and files, and, if you file under your name, your name and phone number.
    · Why: only to accept, route, investigate and answer your request.
    · Who sees it: staff of the responsible department. They never see your Telegram account; for an anonymous report they see no name or phone either.
    · How long: a form left unfinished is deleted after { $formDays } days without activity; a case is kept { $retentionDays } days (about { $retentionYears } years) after it is closed, then anonymised, leaving only a statistical record with no personal data; an account with no cases unused for { $retentionDays } days is deleted.
    · Withdrawing consent: send /forget at any time; your open cases are withdrawn and your personal data anonymised at once.
    Tap "Agree and continue".
btn-consent = Agree and continue
btn-language-en = English
btn-language-zh = 中文
consent-recorded = Consent recorded. Send /new to file a complaint, /mycases to see your cases.
consent-required = Please read the privacy notice above and tap "Agree and continue" before filing.
consent-first = Before filing, please read the privacy notice below and tap "Agree and continue".
language-switched = Switched to English.
forget-explain =
    Withdraw consent and delete your personal data
    · Your cases still open are withdrawn; the departments handling them are told and stop.
    · A form you are filling in is deleted now.
    · The personal data in all your cases (name, phone, ID number, description, place, photos and files, messages and answers) is anonymised now, not { $retentionDays } days after closing. As the archive rules require, only a case record with no personal data stays (number, kind, department, dates, status).
    · After that we process none of your messages and send you nothing. Send /start to read the privacy notice and consent again.
    This cannot be undone. Are you sure?
btn-forget-confirm = Withdraw and delete
btn-forget-cancel = No, keep it
forget-kept = All right, nothing was changed.
forget-done = Your consent is withdrawn: { $withdrawn } open cases withdrawn, personal data in { $anonymised } cases anonymised, any unfinished form deleted. We no longer process your data or send you messages. To use the service again, send /start.
consent-withdrawn-inactive = You withdrew your consent to the processing of your personal data, so we do not process your messages. To use the service again, send /start, read the privacy notice and agree.
help =
    Commands:
    /new — file a complaint or report
    /disclose — request government information
    /mediate — apply for mediation
    /mycases — my cases
    /status NUMBER — one case, e.g. /status MS-2026-000123
    /language — switch language (中文 / English)
    /cancel — cancel what you are filling in
    /forget — withdraw consent and delete your personal data
free-text-hint = I got your message. To file a complaint or report, send /new; to see your cases, send /mycases.
hint-complaint = That sounds like a complaint or report. Send /new and follow the steps; we will pass it to the responsible department and answer you in time.
hint-disclosure = That sounds like a government information disclosure request. Send /disclose and follow the steps.
hint-mediation = That sounds like a dispute. To apply for mediation, send /mediate.
intake-what = Step 1 of 4: what happened? When, what, which organisation or people — the more specific the better.
intake-too-short = That is too short: at least { $min } characters, you wrote { $count } (an emoji counts as one; spaces and invisible characters do not). Please add some detail.
intake-too-long = That is too long: at most { $max } characters, you sent { $count }. Please shorten it.
intake-text-expected = Please answer this step with text, or send /cancel.
intake-where = Step 2: where did it happen? An address or place (e.g. east gate of the estate at 12 Some Road).
intake-photo = Step 3: send photos or files (PDF, images, Word/Excel …) now if you have any (several are fine, then tap "Done"); otherwise tap "Skip". Location data in photos is removed before staff see them; to keep it, tap "Keep photo location" first.
intake-photo-added = Photo { $count } received. Send more or tap "Done".
intake-file-added = File "{ $name }" received ({ $count } attachments). Send more or tap "Done".
intake-photo-expected = Please send a photo or a file, or tap "Skip" / "Done".
intake-location-kept = OK: photos you send from now on keep their location data.
btn-keep-location = Keep photo location
media-too-large = That file is too large ({ $size } MB; the limit is { $max } MB) and was not taken. Please compress or split it and send it again.
media-unsupported = This kind of file cannot be taken. Please send a photo, a PDF, an image (JPG, PNG, WebP) or an Office document (Word, Excel, PowerPoint).
media-caption-form = { $number } · attachments from the citizen ({ $count })
media-caption-reply = { $number } · attachments with the citizen's reply ({ $count })
media-caption-answer = { $number } · attachments to the answer ({ $count })
reply-file-only = (attachment)
staff-file-attached = Attached "{ $name }" ({ $count } attachments). Send more files, or type the answer.
btn-skip = Skip
btn-done = Done
intake-identity = Step 4: file under your name or anonymously? Named helps us contact you; anonymous means staff see nothing about who you are.
btn-named = Under my name
btn-anonymous = Anonymous
intake-name = Your name, please.
intake-phone = Your mobile number (11 digits, e.g. 13800138000).
intake-phone-invalid = That is not a mobile number: 11 digits starting with 1. Please try again.
intake-summary =
    Please check:
    Kind: { $kind }
    What: { $text }
    Where: { $location }
    Attachments (photos, files): { $photos }
    Identity: { $identity }
identity-anonymous = anonymous
identity-named = named ({ $name }, { $phone })
btn-submit = Submit
btn-edit = Edit
btn-cancel = Cancel
intake-edit-which = What would you like to change?
btn-edit-text = Description
btn-edit-location = Place
btn-edit-identity = Identity
intake-cancelled = Cancelled; nothing was filed. Send /new to start again.
intake-choose-button = Please choose with the buttons above.
intake-submitted =
    Received. Case number: { $number }
    We will answer you by { $due }. We will tell you which department has it as soon as it is assigned.
    Progress: /status { $number }
intake-already-submitted = This was already filed as { $number }.
mycases-empty = You have not filed anything yet. Send /new to file a complaint.
mycases-header = Your recent cases:
mycases-line = { $number } · { $status } · { $department } · due { $due }
status-usage = Usage: /status CASE-NUMBER, e.g. /status MS-2026-000123
status-not-found = No case { $number } found (you can only look up your own cases).
status-detail =
    Case { $number }
    Kind: { $kind }
    Status: { $status }
    Department: { $department }
    Answer due: { $due }
    Filed: { $created }
department-pending = being assigned
reply-relayed = Your reply on { $number } was received and is being passed to the handler; if it cannot be delivered we will tell you.
reply-which-case = Several of your cases are waiting for your reply. Pick the one you are answering:
reply-pick-first = Please pick the case first, then send your reply.
reply-now = Send your reply for { $number }.
notify-routed = Your case { $number } is with the { $department }; answer due { $due }.
notify-assigned = Your case { $number } was assigned to the { $department }; answer due { $due }.
notify-transferred = Your case { $number } was passed to the { $department }; answer due { $due }.
notify-linked = Your complaint { $number } concerns the same issue as { $master }, which is being handled; they are handled together, and you will hear the outcome too.
notify-accepted = The { $department } accepted your case { $number } and is working on it.
notify-question =
    About your case { $number }, the handler asks:
    { $question }
    Just reply with your answer.
notify-answered =
    Your case { $number } is closed. The answer:
    { $answer }
    Are you satisfied with the outcome?
btn-satisfied = Satisfied
btn-unsatisfied = Not satisfied
rate-thanks = Thank you for your rating. Case { $number } is closed.
rate-already = This answer was already rated.
status-SUBMITTED = submitted
status-PENDING_DISPATCH = awaiting assignment
status-ASSIGNED = assigned
status-IN_PROGRESS = in progress
status-AWAITING_CITIZEN = waiting for your reply
status-AWAITING_CORRECTION = waiting for your correction
status-CLOSED = closed
status-REOPENED = under review (复查)
kind-COMPLAINT = complaint or report
kind-DISCLOSURE = information-disclosure request
kind-MEDIATION = mediation application
priority-URGENT = urgent
priority-NORMAL = normal
error-generic = Sorry, something went wrong on our side; nothing you sent is lost. Please try again shortly.
button-expired = This button is no longer valid.

calendar-fallback = Note: the State Council's { $year } holiday and make-up day schedule is not loaded yet. Deadlines in { $year } are counted on the public holidays fixed by the 2024 holiday regulations (with days given back for those on a weekend) and Monday to Friday; make-up working days are not known, so those deadlines may move by a few days. Once the schedule is published, an administrator loads it with npm run calendar:load.

# Disclosure requests
disclose-intro = Government information disclosure request (Regulations on Open Government Information). We answer within 20 working days of receipt. Materials (photos, PDFs, Word files …) can be sent at any step that asks for text. Send /cancel at any time.
disclose-applicant = Are you applying as a person or for an organisation?
btn-as-person = A person
btn-as-organisation = An organisation
disclose-organisation = The organisation's name, please.
disclose-name = The applicant's name (for an organisation, its legal representative's).
disclose-id = Your resident identity number (18 characters). Staff see only part of it.
disclose-id-invalid = That identity number is not valid ({ $reason }). Please try again.
id-invalid-format = 17 digits and a digit or X
id-invalid-birthdate = the birth date is wrong
id-invalid-checksum = the check character is wrong
disclose-phone = Your phone number.
disclose-address = Your postal address or email, for delivering the answer.
disclose-wanted = Describe the information you want disclosed: document title, number, or other features that identify it.
disclose-form = In what form?
btn-form-electronic = Electronic
btn-form-paper = Paper
disclose-delivery = How would you like to receive it?
btn-delivery-email = Email
btn-delivery-post = Post
btn-delivery-pickup = Pick-up
disclose-summary =
    Please check:
    Kind: information disclosure request
    Applicant: { $applicant }
    Identity number: { $id }
    Phone: { $phone }
    Address/email: { $address }
    Information wanted: { $text }
    Form: { $form }; delivery: { $delivery }
disclosure-form-electronic = electronic
disclosure-form-paper = paper
disclosure-delivery-email = email
disclosure-delivery-post = post
disclosure-delivery-pickup = pick-up
notify-correction =
    Your disclosure request { $number } needs a correction:
    { $question }
    Just reply with the corrected request. The time limit is paused until then.
notify-correction-received = Correction to { $number } received. The time limit starts again today; we will answer by { $due }.
notify-correction-expired = No correction to your disclosure request { $number } arrived within the correction period; the handler confirmed that it is deemed abandoned (Regulations on Open Government Information, art. 30) and it is no longer handled. You may apply again.
notify-extended = The time limit of your disclosure request { $number } was extended by { $days } working days with approval; we will answer by { $due }.
notify-disclosure-answered =
    Your disclosure request { $number } has been answered.
    Type of answer: { $type }
    { $answer }

    { $remedy }
    { $routes }
remedy-either = If you disagree with this answer, you may apply to { $body } for administrative reconsideration within 60 days of receiving it (Administrative Reconsideration Law, art. 20), or bring an administrative lawsuit in court within 6 months of receiving it (Administrative Litigation Law, art. 46).
remedy-reconsideration_first = This answer withholds the information (not disclosed, not provided or not processed). Under art. 23(1)(4) of the Administrative Reconsideration Law, if you disagree you must first apply to { $body } for administrative reconsideration within 60 days of receiving it; if you disagree with the reconsideration decision, you may sue in court within 15 days of receiving that decision (Administrative Litigation Law, art. 45).
remedy-withheld_first = For the part withheld, under art. 23(1)(4) of the Administrative Reconsideration Law you must first apply to { $body } for administrative reconsideration within 60 days of receiving this answer, and may sue within 15 days of receiving the reconsideration decision; for the part disclosed, you may apply to { $body } for reconsideration within 60 days or sue in court within 6 months.
disclosure-routes = If you believe an agency infringed your lawful rights in its information-disclosure work, you may also complain to or report it to { $oversight } (Regulations on Open Government Information, art. 51).
reply-type-already_public = already public (where to find it)
reply-type-disclosed = disclosed
reply-type-partly_disclosed = partly disclosed
reply-type-not_disclosed = not disclosed (legal ground given)
reply-type-does_not_exist = does not exist
reply-type-not_held = not held by this agency (holder named)
reply-type-repeat_request = repeat request
reply-type-not_a_request = not a disclosure request (where to go)
reply-type-special_procedure = its own procedure (business or real-estate registration records)
reply-type-unreasonable_volume = unreasonable number or frequency: not processed
reply-type-requires_compilation = would require compilation: not provided
reply-type-publication = a publication (where to obtain it)

# Mediation applications
mediate-intro = Mediation application. Mediation is voluntary: we invite the other party, and once they agree a mediator brings you together. Materials (photos, PDFs, Word files …) can be sent at any step that asks for text. Send /cancel at any time.
form-file-kept = File "{ $name }" received; it goes with the request ({ $count } attachments). Please answer the step above.
form-files-full = At most { $max } files can be attached; this one was not taken. Please answer the step above.
mediate-name = Your name, please.
mediate-other-name = The other party's name (a person or an organisation)?
mediate-other-contact = How can they be reached? (phone or address)
mediate-type = What kind of dispute is it?
dispute-neighbours = neighbours
dispute-family = family
dispute-labour = labour
dispute-land_property = land and property
dispute-resource_development = resource development
dispute-environmental_pollution = environmental pollution
dispute-public_safety = public-safety accident
dispute-consumer = consumer
dispute-other = other
mediate-facts = What happened? Describe the facts of the dispute.
mediate-request = What outcome do you ask for? (e.g. compensation, that it stops)
mediate-people = How many people are involved? A number, please.
mediate-people-invalid = A whole number from 1 to 100000, please.
mediate-summary =
    Please check:
    Kind: mediation application ({ $type })
    Applicant: { $name }, { $phone }
    Other party: { $other }
    Facts: { $text }
    Request: { $request }
    People involved: { $people }
btn-party-accept = I agree
btn-party-decline = I decline
party-invite-invalid = This mediation invitation is no longer valid or was already answered.
party-thanks-accept = Thank you for agreeing; the mediator will contact you.
party-thanks-decline = Your refusal was recorded.
notify-party-accepted = The other party agreed to mediation on { $number }; the mediator will contact you both.
notify-party-declined =
    The other party declined mediation, so { $number } has ended.
    Mediation is voluntary. You may sue in a people's court, apply for arbitration in a labour dispute, or use other lawful channels.
notify-mediation-agreement =
    Mediation on { $number } succeeded; the parties agreed:
    { $agreement }
    Note: within 30 days of the agreement taking effect, both parties may jointly apply to a people's court for judicial confirmation. We will check later whether it was carried out.
notify-mediation-no_agreement =
    Mediation on { $number } ended without agreement.
    You may sue in a people's court, apply for arbitration in a labour dispute, or use other lawful channels.
notify-mediation-withdrawn = The mediation application { $number } was withdrawn.
notify-mediation-declined = Mediation on { $number } ended because the other party declined.
notify-followup = Follow-up: was the mediation agreement on { $number } carried out?
btn-carried-out = Carried out
btn-not-carried-out = Not carried out
followup-thanks = Thank you; the mediator was told.

## Staff bot

staff-joined = Welcome, { $name }! You joined Minsheng as { $role }{ $department }. New cases will arrive here.
staff-invite-unknown = This invite link is not valid. Ask an administrator for a new one.
staff-invite-used = This invite link was already used. Each link works once.
staff-invite-expired = This invite link has expired. Ask an administrator for a new one.
staff-invite-already_staff = You are already a staff member.
staff-not-registered = This is Minsheng's staff bot. Join with the invite link an administrator gave you.
staff-help =
    Hello, { $name } ({ $role }).
    New cases arrive as cards; work them with the card's buttons.
    /overdue — overdue and soon-due cases
    /cancel — cancel what you are typing
role-HANDLER = handler
role-DISPATCHER = dispatcher
role-SUPERVISOR = supervisor
role-ADMIN = administrator
staff-card =
    [{ $kind }] { $number } · { $priority }
    Status: { $status }
    Answer due: { $due }
    What: { $text }
    Where: { $location }
    Attachments (photos, files): { $photos }
    From: { $contact }
contact-anonymous = anonymous (no identity shown)
contact-named = { $name }, { $phone }
btn-accept = Accept
btn-ask = Ask the citizen
btn-return = Return to dispatcher
btn-transfer = Transfer
btn-correction = Ask for correction
btn-extension = Request extension
btn-approve-extension = Approve extension
btn-reject-extension = Reject
btn-answer = Answer and close
staff-ask-prompt = Type the question for the citizen ({ $number }). /cancel to give up.
staff-return-prompt = Type the reason for returning { $number } to the dispatcher. /cancel to give up.
staff-answer-prompt = Type the answer for the citizen ({ $number }); sending it closes the case. To attach files (e.g. the information disclosed), send them first, or send a file with the answer as its caption. /cancel to give up.
staff-text-expected = Please send text, or /cancel.
staff-input-cancelled = Cancelled; the case is unchanged.
staff-accepted = Accepted { $number }.
staff-asked = Question submitted and being sent to the citizen ({ $number }); you will hear if it cannot be delivered. Their reply will come to you.
staff-returned = Returned { $number } to the dispatcher.
staff-answered = Answer submitted; { $number } is closed. It is being sent to the citizen; you will hear if it cannot be delivered.
staff-forbidden = You cannot act on this case (it is not your department's). Nothing was changed.
staff-not-allowed = Not possible now: { $number } is "{ $status }". Nothing was changed.
staff-not-found = No such case. Nothing was changed.
staff-citizen-reply =
    The citizen's reply on { $number }:
    { $text }
staff-rated = The citizen is satisfied with the answer on { $number }.
staff-withdrawn = The citizen withdrew case { $number }; it is closed and needs no further work. Reason: { $reason }
staff-escalated = This case needs a human to route it ({ $reason }). Choose the department:
staff-returned-to-dispatch = { $number } was returned to dispatch, reason: { $reason }. Choose the department:
classifier-unsure = the classifier was unsure: { $top } (routes by itself at ≥ { $threshold }); words that weighed most: { $words }
classifier-no-department = the classifier found no department
classifier-department-unstaffed = the classifier chose { $department }, which has no handler or supervisor yet: please assign
staff-transfer-pick = Which department should take { $number }?
staff-transferred = Passed { $number } to the { $department }.
staff-assigned = Assigned { $number } to the { $department }.
staff-due-soon = Reminder: { $number } is due on { $due }; please push it forward.
staff-urged = Your supervisor urges { $number }: please act on it soon; due { $due }.
staff-overdue = ⚠ { $number } passed its due date ({ $due }) and is still open.
staff-urge-sent = The handler of { $number } was urged.
digest-header = Overdue and soon-due cases ({ $date })
digest-empty = Nothing is overdue or due within 3 working days.
digest-department = [{ $department }] { $overdue } overdue, { $soon } due soon
digest-line-overdue = ⚠ { $number } · { $status } · { $days } working days overdue (due { $due })
digest-line-soon = ⏰ { $number } · { $status } · due { $due }
digest-more = (part { $part }/{ $parts })
digest-replies = [Reconsideration replies] Your department is the respondent in { $count } case(s) whose written reply is overdue or due soon (Administrative Reconsideration Law art. 48: within 10 working days of receiving the application's copy, with evidence and basis)
digest-line-reply-overdue = ⚠ { $number } · reply overdue (due { $due })
digest-line-reply-soon = ⏰ { $number } · reply due { $due }
btn-urge = Urge { $number }
staff-card-disclosure =
    Applicant: { $applicant } (ID { $id })
    Phone: { $phone }; address/email: { $address }
    Form: { $form }; delivery: { $delivery }
staff-correction-prompt = Type what the applicant must correct ({ $number }). The time limit pauses meanwhile. /cancel to give up.
staff-correction-sent = Correction asked of the applicant ({ $number }); the time limit is paused.
staff-correction-received =
    The applicant corrected { $number }:
    { $text }
    The time limit restarted; new due date { $due }.
staff-correction-expired = The applicant of { $number } sent no correction in time; the request is closed.
staff-extension-days = Extend by how many working days? (1 to 20) /cancel to give up.
staff-extension-days-invalid = A whole number from 1 to 20, please.
staff-extension-reason = The reason for the extension, please.
staff-extension-sent = Extension request sent to the supervisor ({ $number }).
staff-extension-requested = { $number }: extension of { $days } working days requested. Reason: { $reason }
staff-extension-approved = The extension of { $number } was approved; new due date { $due }.
staff-extension-rejected = The extension of { $number } was not approved; still due { $due }.
staff-extension-decided = Extension request of { $number } decided.
# The live card (src/notifications/staff-cards.ts): who must act now, under the card.
card-turn = To act: { $who }
card-turn-system = the classifier
card-turn-dispatch = a dispatcher, to route it
card-turn-accept = { $department }, to accept it
card-turn-handler = handler { $name }
card-turn-department = { $department }
card-turn-citizen = the citizen, to reply
card-turn-correction = the applicant, to correct the request
card-turn-closed = nobody (closed)
card-turn-extension = the supervisor, to decide the extension
card-overdue = ⚠ Past its due date ({ $due })
card-extension-pending = Extension of { $days } working days requested: approve or reject.
staff-returned-alert = { $number } was returned to dispatch, reason: { $reason }. Choose the department on its card.
staff-accept-done = Accepted { $number }
button-used = This button has already been used.
staff-reply-type-pick = Choose the type of answer for { $number }:
staff-card-mediation =
    Other party: { $other }
    Dispute: { $type }; { $people } people involved
    Request: { $request }
    Other party's answer: { $answer }
staff-card-proactive = ⚑ Priority dispute: act proactively
party-answer-pending = not yet
party-answer-accepted = agreed
party-answer-declined = declined
btn-invite-party = Invite the other party
btn-party-yes = Record: they agree
btn-party-no = Record: they decline
btn-outcome = Record the outcome
outcome-agreement = Agreement
outcome-no_agreement = No agreement
outcome-withdrawn = Withdrawn
staff-invite-link =
    Send this link to the other party ({ $number }); opening it they can agree or decline:
    { $link }
staff-party-recorded = Their answer was recorded ({ $number }).
staff-party-accepted = The other party agreed to mediation on { $number }.
staff-party-declined = The other party declined mediation; { $number } has ended.
staff-outcome-pick = How did mediation on { $number } end?
staff-concluded = Outcome of { $number } recorded.
staff-linked = Linked: { $number } reports the same issue as { $master }; answering { $master } answers { $number } too.
staff-unknown-input = Work cases with the buttons on their cards; /help explains.

# Emergencies (a message that reads as danger now: the numbers first, then what to do)

emergency-call = 🚨 Call { $numbers } now!
emergency-number-separator = {", "}
emergency-number-119 = 119 (fire and rescue)
emergency-number-110 = 110 (police)
emergency-number-120 = 120 (ambulance)
emergency-number-122 = 122 (traffic accidents)
emergency-gas-hotline = the gas company's emergency line { $number }
emergency-gas-hotline-unknown = the gas company's emergency line (printed on the gas meter or the bill)
emergency-advice-gas = Smell of gas: leave at once; do not switch lights or appliances on or off, no flames, no phone calls indoors; once outside, call 119 and { $hotline }.
emergency-advice-fire = Fire: get out, do not take the lift, cover your nose and mouth with a wet cloth and keep low.
emergency-advice-collapse = Keep away from the collapse and do not go back for belongings.
emergency-advice-trapped = If trapped, stay calm and tell 119 exactly where you are; in a lift, press the alarm button and do not force the doors.
emergency-advice-rescue = Do not jump into the water or a shaft after them; throw a rope or something that floats.
emergency-advice-flood = Water coming in: switch off the power, go higher, do not wade through it.
emergency-advice-electric = Keep away from fallen wires; do not touch a person being shocked, cut the power first if you can.
emergency-advice-selfharm = Stay with the person, stay calm and wait for the police and ambulance.
emergency-advice-crime = Get yourself safe first, then call; say where you are and what the people look like.
emergency-advice-traffic = Turn on the hazard lights, put the warning triangle behind the car and get behind the barrier; if anyone is hurt call 120.
emergency-advice-medical = Say the address and what happened; do not move an injured person unless they are in danger.
emergency-footer = This chat does not replace the emergency numbers. We will also file this as a case and pass it to the department concerned.
emergency-consent-first = To file this as a case for the government to follow up, please read the privacy notice below and tap "Agree and continue" (do not wait for this to make the call above).
intake-text-taken = Your message has been taken as the description of the case.
staff-emergency-reported =
    🚨 Emergency { $number }
    The citizen reports what may be a danger to life or property now and was told to call { $numbers } at once. Please check at once and contact the services concerned.
    Text: { $text }
    Place: { $location }
staff-card-emergency = 🚨 Emergency: the citizen was told to call { $numbers }
admin-alert =
    ⚠ System alert: a piece of work could not be done and needs a person.
    Case: { $number }
    Reason: { $reason }
admin-alert-no-case = none (not about a case)

## Web desk (issue 13): /web sign-in, figures, case files
role-LEGAL_OFFICE = legal office
web-link =
    Sign-in link for the web desk (valid { $minutes } minutes, works once):
    { $url }
    Do not forward it.
web-link-no-access = Your role has no web desk (handlers, supervisors, administrators and the legal office have one).
web-title = Minsheng · web desk
web-nav-figures = Figures
web-nav-cases = Case files
web-nav-queues = Queues
web-sign-out = Sign out
web-login-title = Sign in to the web desk
web-login-confirm = Press the button to sign in. This browser stays signed in until you sign out or the session ends.
web-login-button = Sign in
web-login-unknown = This sign-in link is not valid. Send /web in the staff bot for a new one.
web-login-used = This sign-in link has been used already. Send /web in the staff bot for a new one.
web-login-expired = This sign-in link has expired. Send /web in the staff bot for a new one.
web-login-no_access = Your account is inactive, its role changed, or it has no web desk.
web-signed-out-title = Signed out
web-signed-out = You have signed out of the web desk.
web-sign-in-needed-title = Sign-in needed
web-sign-in-needed = Please sign in first: send /web in the staff bot and open the link it sends.
web-forbidden-title = Not allowed
web-forbidden = You may not see this page (handlers and supervisors see their own department only).
web-csrf-failed = This form has expired; reload the page and try again.
web-figures-title = Figures
web-unknown-department = There is no such department.
web-unrouted = not routed
web-district = district
web-fig-received = received
web-fig-closed = closed
web-fig-on-time = closed on time
web-fig-on-time-rate = on-time rate
web-fig-overdue-now = overdue now
web-fig-satisfaction = satisfaction
web-fig-reopen-rate = reopen rate
web-fig-first-action = first action (hours, median)
web-fig-answer = answer (hours, median)
web-chart-counts = cases
web-chart-rates = rates (%)
web-from = from
web-to = to
web-department = department
web-kind = kind
web-status = status
web-show = Show
web-any = any
web-figures-note = Period: { $from } to { $to } (Beijing time, both days included).
web-by-department = By department
web-by-kind = By kind
web-figures-definitions = Received = submitted in the period; closed = closed in the period; on-time rate = closed by the due date (approved extensions included) ÷ closed; satisfaction = satisfied ÷ rated closed cases; reopen rate = closed cases the citizen had reopened ÷ closed; overdue now = past the due date and still open at this moment (a request awaiting correction has its clock stopped and is not counted).
web-cases-title = Case files
web-search-q = number or text
web-search = Search
web-results-count = { $count } cases (at most { $limit } shown)
web-no-cases = No cases match.
web-case-number = number
web-received-at = received
web-due-at = due
web-closed-at = closed
web-case-title = Case file { $number }
web-case-facts = Facts
web-text = text
web-location = place
web-contact = contact
web-anonymous = Anonymous complaint: no identity shown
web-applicant = applicant
web-answer = answer
web-reply-type = reply type
web-satisfied = rating
web-satisfied-yes = satisfied
web-satisfied-no = not satisfied
web-extension = extension
web-outcome = mediation outcome
web-history = History (audit trail)
web-messages = Messages with the citizen
web-message-TO_CITIZEN = to the citizen
web-message-FROM_CITIZEN = from the citizen
web-actor-citizen = citizen
web-actor-system = system
web-actor-party = other party
web-actor-staff = { $name } ({ $role })
web-export-json = Export JSON
web-export-pdf = Export PDF
web-not-found = No such case.
web-pdf-title = Minsheng case file { $number }
web-pdf-generated = Exported { $at } by { $name }
web-nav-report = Annual report
web-report-title = Government information disclosure report { $year }
web-report-year = year
web-report-download = Download Excel (.xlsx)
web-report-note = Per art. 50 of the Regulations on Open Government Information, in the table layout of 国办公开办函〔2021〕30号. Every applicant through the citizen bot is a natural person, so the organisation columns are 0. Results count in the year the request was closed; refusals whose reason was not recorded by category have their own row. Reconsideration and lawsuit figures (section 4) are not recorded yet.
## Correction period (art. 30), consultations (arts. 32–34), provisional due dates
notify-correction-period = Please send the correction by { $due }. Under art. 30 of the Regulations on Open Government Information, a request not corrected in time without good reason is deemed abandoned and no longer handled; if you have a good reason for needing longer, reply within the period and say so.
notify-correction-more-time = Your good reason for disclosure request { $number } was recorded; the correction period now ends on { $due }. If no correction arrives by then, the request is deemed abandoned.
staff-correction-lapse-due =
    The correction period of { $number } ({ $due }) has passed with no correction.
    Please confirm: a request not corrected in time without good reason is deemed abandoned (Regulations on Open Government Information, art. 30); if the applicant has a good reason, record it and give a new period.
btn-correction-lapsed = Confirm: deemed abandoned
btn-correction-more-time = Good reason: give more time
staff-correction-lapse-confirmed = { $number } confirmed as abandoned and closed; the applicant will be told.
staff-correction-days = How many more working days, from today, for the correction? (1 to 30) Send /cancel to stop.
staff-correction-days-invalid = Please enter a whole number from 1 to 30.
staff-correction-reason = Enter the applicant's good reason ({ $number }).
staff-correction-more-time-sent = Good reason recorded; the correction period of { $number } is extended and the applicant will be told the new date.
staff-card-correction-due = Correction period ends: { $due }
btn-consult-third-party = Consult third party
btn-consult-agency = Consult other agency
btn-consultation-answered = Record: opinion received
staff-consultation-started = Recorded that { $number } is being consulted on; the time limit is paused. The answer is due by { $until } at the latest, which makes the time limit { $due }; press "Record: opinion received" when it arrives.
staff-consultation-answered = Opinion on { $number } recorded; the time limit runs again, new due date { $due }.
staff-consultation-resumed = The consultation on { $number } has ended; the time limit runs again, new due date { $due }.
staff-card-consulting-third-party = ⏸ Consulting a third party (since { $since }, until { $until } at the latest; arts. 32, 33 ¶3): the time limit is paused, { $days } working days left when it resumes
staff-card-consulting-agency = ⏸ Consulting another agency (since { $since }, until { $until } at the latest; arts. 33 ¶3, 34): the time limit is paused, { $days } working days left when it resumes
notify-consultation-third-party = Your disclosure request { $number } concerns a third party's lawful interests, so we are asking the third party for its opinion in writing (due by { $until }). Under art. 33 ¶3 of the Regulations on Open Government Information that time does not count against the time limit, which moves accordingly: we will answer by { $due } at the latest.
notify-consultation-agency = Your disclosure request { $number } needs the opinion of another agency (due by { $until }). Under art. 33 ¶3 of the Regulations on Open Government Information that time does not count against the time limit, which moves accordingly: we will answer by { $due } at the latest.
notify-consultation-resumed = The consultation on your disclosure request { $number } has ended; the time limit runs again and we will answer by { $due }.
status-consulting = ⏸ A consultation is under way and the time limit is paused (opinion due by { $until } at the latest); the due date above already allows for it.
status-correction-due = Correction period ends: { $due } (a request not corrected in time without good reason is deemed abandoned)
due-provisional-staff = (provisional: the year's holiday schedule is not yet published)
due-provisional-citizen = (provisional: the year's official holiday schedule is not yet published, so this date may move by a few days)
notify-due-recounted = The State Council has published the holiday schedule; the time limit of your case { $number } is now { $due }.
staff-due-recounted = Holiday schedule loaded: the due date of { $number } is now { $due }.
# Length budgets and undelivered messages (issue 9)
input-too-long = That is too long: at most { $max } characters, you sent { $count }. Please shorten it.
btn-full-text = Full text
staff-full-text = Full text of { $number }:
staff-full-text-forbidden = You may not see this case.
staff-send-failed =
    ⚠ { $number }: your { $what } to the citizen could not be delivered ({ $reason }).
    This is recorded on the case and the administrators were told.
notify-send-failed = ⚠ Your message on { $number } could not be passed to the handler ({ $reason }). It is recorded and the administrators were told; we will deal with it soon.
send-failed-reason-blocked = they stopped the bot
send-failed-reason-chat_not_found = their chat was not found
send-failed-reason-refused = Telegram refused the message
sent-what-question = question
sent-what-case_answered = answer
sent-what-correction_requested = correction request
sent-what-mediation_concluded = mediation outcome

# Command menus (setMyCommands), per bot and role
cmd-start = Start; read the privacy notice
cmd-new = File a complaint or report
cmd-disclose = Request government information
cmd-mediate = Apply for mediation
cmd-reconsider = Apply for administrative reconsideration
cmd-mycases = My cases
cmd-status = Where a case stands (e.g. /status MS-2026-000123)
cmd-language = Switch language
cmd-help = Help
cmd-forget = Withdraw consent and delete my data
cmd-cancel = Cancel the form being filled in
cmd-staff-start = Join with an invite (/start and the invite code)
cmd-staff-help = My role and how to work cases
cmd-staff-cancel = Cancel what is being typed
cmd-staff-overdue = Overdue and soon-due cases
cmd-staff-web = Sign-in link for the web desk

## Published results (item 31) and case-file review (item 19)
btn-publication-propose = Propose publishing the result
btn-publication-approve = Approve publication
btn-publication-decline = Do not publish
staff-answered-publishable = If the result may be made public, press the button below: once the department's supervisor approves, it appears on the public page (names, phones, id numbers and other personal data removed).
staff-publication-proposed-sent = The result of { $number } was sent to the department's supervisor for approval.
staff-publication-proposed =
    The handler of { $number } proposes publishing its result. This is what would appear, personal data removed; please check it:
    
    Request: { $text }
    Place: { $place }
    Answer: { $answer }
staff-publication-approved = Publication of the result of { $number } was approved.
staff-publication-declined = The result of { $number } will not be published.
staff-publication-decided = Publication request of { $number } decided.
public-result-post =
    [Published result] { $number }
    Department: { $department }  Closed: { $closed }
    Place: { $place }
    Request: { $text }
    Answer: { $answer }
review-yes = yes
review-no = no
staff-case-reviewed =
    The legal office reviewed the case file { $number } (reviewer: { $reviewer })
    Procedure proper: { $procedure }
    Evidence sufficient: { $evidence }
    Findings: { $findings }
public-results-brand = Minsheng · Published results
public-results-title = Results of citizens' requests
public-results-search = Search (number, text, place)
public-results-count = { $count } results, page { $page } of { $pages }
public-results-none = No results published yet.
public-results-dates = received { $received }, closed { $closed }
public-results-request = Request: 
public-results-answer = Answer: 
public-results-prev = Previous
public-results-next = Next
public-results-note = Published after the department's supervisor approved them; names, phones, id numbers and other personal data removed, places to street level.
web-review-title = Case-file review
web-review-procedure = Procedure proper
web-review-evidence = Evidence sufficient
web-review-findings = Findings
web-review-submit = Record the review
web-review-done = The review was recorded and the department's supervisor told.
web-review-invalid = Choose whether the procedure was proper and the evidence sufficient, and write the findings (at most { $max } characters).
web-reviews = Reviews
digest-chart-title = { $department } · the last 7 days
digest-chart-overdue = Overdue at day's end
digest-chart-caption = { $department }, last 7 days: { $received } received, { $closed } closed ({ $onTime } on time); { $overdue } overdue now.
web-report-remedies-note = Reconsideration: applications citizens started from a disclosure answer, counted by the result of those concluded this year (upheld and dismissed: "upheld"; changed, revoked, confirmed illegal, ordered to act, confirmed void: "corrected"; not accepted, withdrawn, settled, mediated: "other"); those open at the year's end are "pending". Lawsuits: recorded by the legal office or an administrator on the disclosure request's case page. Sections 1, 2, 5 and 6 (overview, proactive disclosure, problems, other matters) do not come from this system and are written separately.
web-lawsuit-title = Administrative lawsuits
web-lawsuit-filed = Filed on
web-lawsuit-after = After reconsideration?
web-lawsuit-after-yes = After reconsideration
web-lawsuit-after-no = Directly, without reconsideration
web-lawsuit-result = Court's result
web-lawsuit-pending = Pending
web-lawsuit-upheld = Upheld
web-lawsuit-corrected = Corrected
web-lawsuit-other = Other
web-lawsuit-decided = Decided on
web-lawsuit-submit = Save
web-lawsuit-invalid = Give the filing date; a result needs the date it was decided.
