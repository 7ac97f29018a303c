-- A paid referral is keyed by its friend, the member whose purchase qualified it, as the referral itself is: every
-- unique key then holds the column the table would be distributed by (docs/scale-out.md). qualification_id still
-- numbers the rows in the order they were recorded, with a plain index as challenge_completions has.
ALTER TABLE referral_qualifications DROP CONSTRAINT referral_qualifications_pkey;
DROP INDEX referral_qualifications_friend;
ALTER TABLE referral_qualifications ADD CONSTRAINT referral_qualifications_pkey PRIMARY KEY (tenant_id, friend_id);
CREATE INDEX referral_qualifications_recorded ON referral_qualifications (qualification_id);
