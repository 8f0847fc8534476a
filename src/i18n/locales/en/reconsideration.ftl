# Administrative reconsideration (Administrative Reconsideration Law, revised 2023). Loaded with en.ftl.
kind-RECONSIDERATION = Administrative reconsideration
rc-stage-filed = Filed
rc-stage-review = Acceptance review (5 working days)
rc-stage-correction = Waiting for your correction
rc-stage-accepted = Accepted, under review
rc-stage-hearing = Hearing scheduled
rc-stage-decision_pending = Decision awaiting approval
rc-stage-decided = Decided
rc-stage-not_accepted = Not accepted
rc-stage-ended = Ended
rc-stage-abandoned = Treated as abandoned
rc-procedure-simplified = simplified procedure (decision within 30 days)
rc-procedure-ordinary = ordinary procedure (decision within 60 days)
rc-decision-change = Varied (art. 63)
rc-decision-revoke = Revoked (art. 64)
rc-decision-revoke_new_act = Revoked, new act ordered (art. 64)
rc-decision-revoke_part = Partly revoked (art. 64)
rc-decision-revoke_part_new_act = Partly revoked, new act ordered (art. 64)
rc-decision-confirm_illegal = Confirmed unlawful (art. 65)
rc-decision-order_performance = Performance ordered (art. 66)
rc-decision-confirm_void = Confirmed void (art. 67)
rc-decision-uphold = Upheld (art. 68)
rc-decision-dismiss = Request dismissed (art. 69)
rc-ending-withdrawn = Withdrawn by the applicant (art. 74)
rc-ending-settled = Settled (art. 74)
rc-ending-mediated = Mediated (art. 73)
rc-lead = lead
rc-major = , major case
rc-yes = confirmed
rc-no = not confirmed
rc-card =
    [Reconsideration] { $number }
    Stage: { $stage }; due: { $due }
    Applicant: { $applicant }
    Respondent: { $respondent }
    Act: { $act } (learned of it: { $learned })
    Request: { $request }
    Facts and reasons: { $reasons }
    Evidence photos: { $evidence }
rc-card-representative = Representative: { $name } ({ $phone })
rc-card-late = ⚠ Filed after the window (ended { $end }); the applicant's reason: { $reason } (art. 20 ¶2, to be examined)
rc-card-no-remedy-notice = The act's notice named no reconsideration right, body or period: the window is up to one year (art. 20 ¶3)
rc-card-procedure = Procedure: { $procedure }{ $deemed }
rc-card-deemed = (deemed accepted when the review period ended, art. 30 ¶3)
rc-card-handlers = Handlers: { $handlers } ({ $count }/{ $required }{ $major })
rc-card-reply-due = Respondent's written reply due: { $due } (art. 48)
rc-card-reply-received = Respondent replied: { $text }
rc-card-hearing = Hearing: { $at }, { $place }; recorder { $recorder }
rc-card-extension = Extended by { $days } days: { $reason }
rc-card-proposal = Proposed decision: { $type } — { $text }
rc-btn-accept-simplified = Accept · simplified
rc-btn-accept-ordinary = Accept · ordinary
rc-btn-not-accept = Do not accept
rc-btn-correction = Ask for correction
rc-btn-assign = Assign handlers
rc-btn-major = Mark major
rc-btn-hearing = Schedule hearing
rc-btn-extend = Extend
rc-btn-decide = Propose decision
rc-btn-end = Mediated / settled / withdrawn
rc-btn-approve = Approve decision
rc-btn-reject = Send back
rc-btn-reply = Submit written reply
rc-btn-confirm-hearing = Confirm attendance
rc-btn-start = Apply for reconsideration
rc-notify-received =
    Your application for administrative reconsideration was received. Case number: { $number }
    "{ $office }" decides whether to accept it by { $due } (art. 30).
    Progress: /status { $number }
rc-notify-accepted = Your application { $number } was accepted under the { $procedure }; the decision comes by { $due } (art. 62).
rc-notify-deemed-accepted = Your application { $number } was not refused within the review period, so it is accepted from the day that period ended (art. 30 ¶3); the decision comes by { $due }.
rc-notify-not-accepted =
    Your application { $number } was not accepted (art. 30 ¶2).
    Reason: { $reason }
    You may sue in court within 15 days of receiving this decision (art. 34); if { $body } refused it without good reason, you may ask the higher authority to order it corrected (art. 35).
rc-notify-correction =
    Your application { $number } needs correcting (art. 31, told once):
    { $text }
    Reply here by { $due }. Without a correction or a good reason it is treated as abandoned.
rc-notify-correction-received = Your correction for { $number } arrived; the acceptance decision comes by { $due }.
rc-notify-correction-expired = Your application { $number } was not corrected in time and is treated as abandoned (art. 31 ¶2).
rc-notify-hearing =
    A hearing will be held in { $number } (art. 50):
    Time: { $at }
    Place: { $place }
    Please confirm below. Not attending without good reason gives up the hearing (art. 51).
rc-notify-reply-received = The respondent submitted its written reply in { $number }. You may read the reply, evidence and basis (art. 47).
rc-notify-extended = { $number } is complex and was extended by { $days } days with the head's approval; the decision comes by { $due } (art. 62). Reason: { $reason }
rc-notify-decided =
    Decision in { $number }: { $type }
    { $text }
    If you disagree, you may sue in court within 15 days of receiving the decision (Administrative Litigation Law art. 45).
rc-notify-ended =
    { $number } ended: { $ending }
    { $text }
rc-staff-new = New application for reconsideration: decide on acceptance in time (art. 30, 5 working days; no decision means accepted).
rc-staff-respondent-asked = Your department is the respondent in reconsideration { $number }. Submit your written reply with the evidence and basis of the act by { $due } (art. 48).
rc-staff-respondent-external = The respondent "{ $respondent }" of { $number } is not in this system: send it the application within 7 days; its reply is due { $due } (art. 48).
rc-staff-assign-handlers = { $number } was accepted: assign at least { $required } handlers (the first leads).
rc-staff-deemed-accepted = ⚠ { $number }'s review period ended without a decision: it is accepted by law (art. 30 ¶3) and the applicant was told. Assign handlers.
rc-staff-corrected = The applicant corrected { $number }: review it again.
rc-staff-correction-expired = { $number } was not corrected in time: treated as abandoned (art. 31 ¶2).
rc-staff-assigned-lead = You lead reconsideration { $number }. You propose the decision; the head approves it.
rc-staff-assigned = You were assigned to reconsideration { $number }.
rc-staff-respondent-hearing = A hearing in { $number } is set for { $at } at { $place }; your head should attend (art. 51). Please confirm.
rc-staff-hearing-panel = Hearing in { $number }: { $at }, { $place }. The lead presides, the other handlers are hearing officers (art. 50).
rc-staff-hearing-confirmed = Hearing in { $number }: applicant { $applicant }, respondent { $respondent }.
rc-staff-reply-received = The respondent submitted its written reply in { $number }.
rc-staff-reply-due-soon = ⏰ The written reply in { $number } is due { $due } (art. 48).
rc-staff-extended = { $number } was extended by { $days } days, now due { $due }. Reason: { $reason }
rc-staff-decision-proposed = The lead handler of { $number } proposed a decision: approve or send back.
rc-staff-decision-rejected = The head sent back the proposed decision in { $number }: { $reason }. Please revise.
rc-staff-decided-respondent =
    Decision in { $number }: { $type }
    { $text }
rc-staff-decided-respondent-new-act =
    Decision in { $number }: { $type }
    { $text }
    Your department must make a new act within the period the decision sets (art. 64).
rc-staff-decided = The decision in { $number } ({ $type }) was approved and sent to both parties.
rc-staff-ended = { $number } ended: { $ending }. { $text }
rc-form-intro = Application for administrative reconsideration (art. 22). If you believe an administrative act infringes your lawful rights, you may apply within 60 days of learning of it. Send /cancel at any time to leave.
rc-form-intro-prefilled =
    Application for administrative reconsideration (art. 22) of:
    Respondent: { $respondent }
    Act: { $act } (received { $learned })
    Send /cancel at any time to leave.
rc-form-name = The applicant's name (or organisation):
rc-form-representative = Do you have a representative?
rc-form-btn-yes = Yes
rc-form-btn-no = No
rc-form-representative-name = The representative's name:
rc-form-respondent = Which agency made the act? Pick one, or "Other agency" to type its name.
rc-form-btn-other-agency = Other agency
rc-form-respondent-other = The name of the agency that made the act:
rc-form-act = Describe the act you challenge (e.g. the bureau's fine of 20 May 2026):
rc-form-learned = On which day did you learn of it? Type it as 2026-05-20.
rc-form-learned-invalid = Please type the date as 2026-05-20.
rc-form-learned-future = That day has not come yet; please type it again.
rc-form-notice-named = Did the decision or notice tell you of your right to reconsideration, the body and the period?
rc-form-request = What do you ask for? (e.g. revoke the decision, order a new answer)
rc-form-reasons = The main facts and reasons:
rc-form-evidence = Send photos of any evidence (decisions, notices, pictures), then press "Done"; otherwise "Skip".
rc-form-late = By the date you gave, the period ended on { $end } (art. 20). Your application is not refused for it: tell us why you were delayed (force majeure or another good reason); the office will examine it.
rc-form-summary =
    Please check your application:
    Applicant: { $name } ({ $phone })
    Representative: { $representative }
    Respondent: { $respondent }
    Act: { $act } (learned of it: { $learned })
    Request: { $request }
    Facts and reasons: { $reasons }
    Evidence photos: { $evidence }{ $late }
rc-form-summary-late = Reason for the delay: { $reason }
rc-receipt =
    Your application was filed. Case number: { $number }
    The office decides whether to accept it by { $due } (art. 30); no decision by then means it is accepted.
    Progress: /status { $number }
rc-receipt-late =
    Your application was filed. Case number: { $number }
    It is past the statutory period: the office will examine your reason (art. 20 ¶2) and decide on acceptance by { $due }.
    Progress: /status { $number }
rc-act-from-disclosure = The answer to disclosure request { $number } ({ $type })
rc-hearing-confirmed = Your attendance at the hearing in { $number } is confirmed.
rc-status-stage = Stage: { $stage }
rc-staff-prompt-not-accept = Why is { $number } not accepted? (If another body has jurisdiction, name it; art. 30 ¶2.)
rc-staff-prompt-correction = Everything { $number } must correct, in one notice (art. 31):
rc-staff-prompt-hearing = The hearing for { $number } as "time; place; recorder" (e.g. 2026-06-20 09:30; Room 3, district government; Wang). The lead presides, the other handlers are hearing officers (art. 50).
rc-staff-hearing-invalid = Separate time, place and recorder with semicolons.
rc-staff-prompt-extension-days = Extend by how many days? (1–{ $max }, art. 62)
rc-staff-extension-days-invalid = A number of days from 1 to 30, please.
rc-staff-prompt-extension-reason = The reason for extending { $number } (the parties are told):
rc-staff-prompt-decision = The decision in { $number }: facts, reasons and what is decided (with the period for a new act, if ordered):
rc-staff-prompt-reject = Why is the proposed decision in { $number } sent back?
rc-staff-prompt-ending = How { $number } ended (mediation agreement, settlement, or the withdrawal):
rc-staff-prompt-reply = Your written reply in { $number } (send evidence and basis to the office separately):
rc-staff-done = Done: { $number }.
rc-staff-accepted = { $number } accepted; the applicant and the respondent were told.
rc-staff-no-handlers = The office has no other handler to assign ({ $number }).
rc-staff-pick-handler = Pick a handler for { $number } (the first leads):
rc-staff-handler-assigned = Handler assigned: { $number }.
rc-staff-marked-major = { $number } is marked major: 3 handlers and a hearing.
rc-staff-decision-approved = The decision in { $number } is approved and sent to the applicant and the respondent.
rc-staff-hearing-confirmed-you = Attendance at the hearing in { $number } confirmed.
rc-staff-pick-decision = The type of decision in { $number } (arts. 63–69):
rc-staff-pick-ending = How did { $number } end?
rc-staff-too-few-handlers = The case has { $have } handlers and needs at least { $need } (3 for a major case; a hearing needs a presiding officer and 2 hearing officers).
rc-staff-major-needs-hearing = A major case must be heard first (art. 50 ¶1).
