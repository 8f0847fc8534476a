## Channels for citizens without Telegram: the Open311 API and the web form

open311-service-complaint = Complaint or report (the department is assigned for you)
open311-service-complaint-dept = Complaint · { $department }
open311-service-disclosure = Government information disclosure request
open311-service-mediation = Mediation application
open311-service-desc-COMPLAINT = Report a problem, complain or report wrongdoing. Answered within 15 working days; 1 when it is a safety hazard.
open311-service-desc-DISCLOSURE = Ask for government information under art. 29 of the Regulations on Open Government Information. Answered within 20 working days.
open311-service-desc-MEDIATION = Apply for people's mediation (the other party takes part voluntarily). Concluded within 30 days.
open311-named = named
open311-anonymous = anonymous
open311-attr-anonymous = Anonymous (staff then see no name or phone)
open311-attr-organisation = Organisation (when applying for one)
open311-attr-id_number = Applicant's identity card number
open311-attr-postal_address = Postal address
open311-attr-form = Form of the information
open311-attr-delivery = How to receive it
open311-attr-other_party_name = Other party's name
open311-attr-other_party_contact = Other party's contact
open311-attr-dispute_type = Kind of dispute
open311-attr-request = What the applicant asks for
open311-attr-people = People involved
open311-note-open = in progress: { $status }
open311-note-answered = answered and closed
open311-note-linked = handled and closed together with a case about the same problem
open311-note-withdrawn = withdrawn by the applicant
open311-note-disclosure = answered; type of answer: { $type }
open311-note-mediation = mediation ended: { $outcome }
open311-note-correction-expired = not corrected in time: deemed abandoned
open311-note-declined = the other party declined mediation
open311-notice-filed = Filed as { $number }, to be answered by { $due }. Keep the status secret: with the number it shows progress and outcome at { $url }.
open311-error-key = api_key missing or not valid (ask the district's administrator for one)
open311-error-service-missing = service_code missing
open311-error-service-unknown = no service with code { $code }
open311-error-request-unknown = no request { $id }
open311-error-format = only JSON is served (.json)
open311-error-body = the body could not be read: send application/x-www-form-urlencoded or application/json
open311-error-date = { $field } is not a valid ISO 8601 date-time
open311-error-not-found = no such endpoint: { $path }
open311-error-unavailable = the service is unavailable, try again shortly
field-required = required
field-too-short = at least { $min } characters (now { $count })
field-too-long = at most { $max } characters (now { $count })
field-phone-invalid = an 11-digit mobile number starting with 1
field-id-invalid = identity card number not valid: { $reason }
field-choice-invalid = choose one of the values offered
field-people-invalid = a whole number from 1 to 100000
field-consent-missing = please read the privacy notice and tick the box
form-title = Submit a request online
form-intro = Without Telegram you can file complaints, disclosure requests and mediation applications here. You get a case number and a secret to look up progress and outcome.
form-choose = What would you like to file?
form-status-link = Look up a case you filed
form-privacy-title = Privacy notice
form-privacy =
    · We collect what you fill in, and (if you give them) your name and mobile number; a disclosure request also your identity card number and postal address.
    · Purpose: only to accept, route, investigate and answer your request.
    · Who sees it: the responsible department's staff; for an anonymous complaint they see no name or phone.
    · Kept: { $retentionDays } days (about { $retentionYears } years) after the case closes, then anonymised.
    · The status secret is shown once; we keep only a digest of it and cannot recover it.
form-consent = I have read the privacy notice and agree to this processing of my personal information
form-submit = Submit
form-required = required
form-optional = optional
form-name = Name
form-phone = Mobile number
form-complaint-what = What happened? (at least { $min } characters)
form-complaint-where = Where? (e.g. east side of building 3, X estate)
form-complaint-identity = Named or anonymous?
form-complaint-identity-hint = Anonymous: no name or phone needed and staff see none; but they cannot call you to check facts.
form-disclosure-as = Applicant
form-disclosure-person = a person
form-disclosure-org = an organisation
form-disclosure-wanted = The information wanted: its title, document number or another description that helps find it
form-mediation-facts = What happened (at least 10 characters)
form-errors = Please correct the fields marked below.
form-emergency = Emergency
form-filed-title = Submitted
form-filed =
    Your request has been filed.
    Case number: { $number }
    Due: { $due }
form-secret = Status secret:
form-secret-warning = This secret is shown only once. Write it down or take a screenshot; with the case number it shows progress and outcome.
form-already = This form was already submitted as { $number }. The secret was shown the first time.
form-expired = The page expired; open the form again and submit.
form-status-title = Case status
form-status-number = Case number
form-status-secret = Status secret
form-status-submit = Look up
form-status-wrong = Case number or secret is wrong.
form-status-kind = Kind
form-status-status = Status
form-status-department = Department
form-status-due = Due
form-status-created = Submitted
form-status-outcome = Outcome
form-status-answer = Answer
form-status-notices = Notices for you
form-status-notices-none = No notices yet.
form-status-notices-note = These notices are not sent by chat; they are shown here only.
form-back = Back
