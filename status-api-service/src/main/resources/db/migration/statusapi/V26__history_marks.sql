-- A count per component of the changes to its rollups that its status intervals do not show:
-- checks rolled up into its hours and days, days rebuilt in another time zone. A status change
-- shows in the component's open interval (it closes one and opens another); everything else that
-- writes its rollups adds 1 here, in the same transaction. A reader that kept rollups it read
-- (StatusHistory) reads the open intervals and these counts, one small query, and reads the
-- rollups again only when either moved.
CREATE TABLE history_marks (
    component_id uuid PRIMARY KEY REFERENCES components (id) ON DELETE CASCADE,
    changes      bigint NOT NULL
);
