"""The element order of Microsoft Project's XML format (MSPDI), from its schema.

Microsoft Project reads an MSPDI file against `mspdi_pj12.xsd` (the Project 2007 XML Data
Interchange Schema; later versions only append elements) and silently drops an element that
comes out of the schema's `xsd:sequence` order. These tuples are those sequences, transcribed
from the schema as Microsoft publishes it ("XML Schema for the Project/Calendars/Tasks/Resources/
Assignments Element", Project 2007 SDK); the writer emits every element's children sorted by
them. The enterprise custom-field elements of an assignment (`f404000`...) are left out.
A task's `Active` (an inactive task) is Project 2010's, placed after `Name` as its schema has it.
"""

from __future__ import annotations

PROJECT = (
    "SaveVersion", "UID", "Name", "Title", "Subject", "Category", "Company", "Manager",
    "Author", "CreationDate", "Revision", "LastSaved", "ScheduleFromStart", "StartDate",
    "FinishDate", "FYStartDate", "CriticalSlackLimit", "CurrencyDigits", "CurrencySymbol",
    "CurrencyCode", "CurrencySymbolPosition", "CalendarUID", "DefaultStartTime",
    "DefaultFinishTime", "MinutesPerDay", "MinutesPerWeek", "DaysPerMonth", "DefaultTaskType",
    "DefaultFixedCostAccrual", "DefaultStandardRate", "DefaultOvertimeRate", "DurationFormat",
    "WorkFormat", "EditableActualCosts", "HonorConstraints", "EarnedValueMethod",
    "InsertedProjectsLikeSummary", "MultipleCriticalPaths", "NewTasksEffortDriven",
    "NewTasksEstimated", "SplitsInProgressTasks", "SpreadActualCost", "SpreadPercentComplete",
    "TaskUpdatesResource", "FiscalYearStart", "WeekStartDay", "MoveCompletedEndsBack",
    "MoveRemainingStartsBack", "MoveRemainingStartsForward", "MoveCompletedEndsForward",
    "BaselineForEarnedValue", "AutoAddNewResourcesAndTasks", "StatusDate", "CurrentDate",
    "MicrosoftProjectServerURL", "Autolink", "NewTaskStartDate", "DefaultTaskEVMethod",
    "ProjectExternallyEdited", "ExtendedCreationDate", "ActualsInSync", "RemoveFileProperties",
    "AdminProject", "OutlineCodes", "WBSMasks", "ExtendedAttributes", "Calendars", "Tasks",
    "Resources", "Assignments",
)

CALENDAR = (
    "UID", "Name", "IsBaseCalendar", "BaseCalendarUID", "WeekDays", "Exceptions", "WorkWeeks",
)

WEEK_DAY = (
    "DayType", "DayWorking", "TimePeriod", "WorkingTimes",
)

EXCEPTION = (
    "EnteredByOccurrences", "TimePeriod", "Occurrences", "Name", "Type", "Period",
    "DaysOfWeek", "MonthItem", "MonthPosition", "Month", "MonthDay", "DayWorking",
    "WorkingTimes",
)

EXTENDED_ATTRIBUTE_DEFINITION = (
    "FieldID", "FieldName", "CFType", "Guid", "ElemType", "MaxMultiValues", "UserDef", "Alias",
    "SecondaryPID", "AutoRollDown", "DefaultGuid", "Ltuid", "SecondaryGuid", "PhoneticAlias",
    "RollupType", "CalculationType", "Formula", "RestrictValues", "ValuelistSortOrder",
    "AppendNewValues", "Default", "ValueList",
)
"""A custom field's definition (`Project/ExtendedAttributes/ExtendedAttribute`)."""

EXTENDED_ATTRIBUTE_VALUE = (
    "FieldID", "Value", "ValueGUID", "DurationFormat",
)
"""A custom field's value on a task (`Task/ExtendedAttribute`)."""

TASK = (
    "UID", "ID", "Name", "Active", "Type", "IsNull", "CreateDate", "Contact", "WBS", "WBSLevel",
    "OutlineNumber", "OutlineLevel", "Priority", "Start", "Finish", "Duration",
    "DurationFormat", "Work", "Stop", "Resume", "ResumeValid", "EffortDriven", "Recurring",
    "OverAllocated", "Estimated", "Milestone", "Summary", "Critical", "IsSubproject",
    "IsSubprojectReadOnly", "SubprojectName", "ExternalTask", "ExternalTaskProject",
    "EarlyStart", "EarlyFinish", "LateStart", "LateFinish", "StartVariance", "FinishVariance",
    "WorkVariance", "FreeSlack", "TotalSlack", "FixedCost", "FixedCostAccrual",
    "PercentComplete", "PercentWorkComplete", "Cost", "OvertimeCost", "OvertimeWork",
    "ActualStart", "ActualFinish", "ActualDuration", "ActualCost", "ActualOvertimeCost",
    "ActualWork", "ActualOvertimeWork", "RegularWork", "RemainingDuration", "RemainingCost",
    "RemainingWork", "RemainingOvertimeCost", "RemainingOvertimeWork", "ACWP", "CV",
    "ConstraintType", "CalendarUID", "ConstraintDate", "Deadline", "LevelAssignments",
    "LevelingCanSplit", "LevelingDelay", "LevelingDelayFormat", "PreLeveledStart",
    "PreLeveledFinish", "Hyperlink", "HyperlinkAddress", "HyperlinkSubAddress",
    "IgnoreResourceCalendar", "Notes", "HideBar", "Rollup", "BCWS", "BCWP",
    "PhysicalPercentComplete", "EarnedValueMethod", "PredecessorLink", "ActualWorkProtected",
    "ActualOvertimeWorkProtected", "ExtendedAttribute", "Baseline", "OutlineCode",
    "IsPublished", "StatusManager", "CommitmentStart", "CommitmentFinish", "CommitmentType",
    "TimephasedData",
)

PREDECESSOR_LINK = (
    "PredecessorUID", "Type", "CrossProject", "CrossProjectName", "LinkLag", "LagFormat",
)

TASK_BASELINE = (
    "TimephasedData", "Number", "Interim", "Start", "Finish", "Duration", "DurationFormat",
    "EstimatedDuration", "Work", "Cost", "BCWS", "BCWP", "FixedCost",
)

RESOURCE = (
    "UID", "ID", "Name", "Type", "IsNull", "Initials", "Phonetics", "NTAccount",
    "MaterialLabel", "Code", "Group", "WorkGroup", "EmailAddress", "Hyperlink",
    "HyperlinkAddress", "HyperlinkSubAddress", "MaxUnits", "PeakUnits", "OverAllocated",
    "AvailableFrom", "AvailableTo", "Start", "Finish", "CanLevel", "AccrueAt", "Work",
    "RegularWork", "OvertimeWork", "ActualWork", "RemainingWork", "ActualOvertimeWork",
    "RemainingOvertimeWork", "PercentWorkComplete", "StandardRate", "StandardRateFormat",
    "Cost", "OvertimeRate", "OvertimeRateFormat", "OvertimeCost", "CostPerUse", "ActualCost",
    "ActualOvertimeCost", "RemainingCost", "RemainingOvertimeCost", "WorkVariance",
    "CostVariance", "SV", "CV", "ACWP", "CalendarUID", "Notes", "BCWS", "BCWP", "IsGeneric",
    "IsInactive", "IsEnterprise", "BookingType", "ActualWorkProtected",
    "ActualOvertimeWorkProtected", "ActiveDirectoryGUID", "CreationDate", "ExtendedAttribute",
    "Baseline", "OutlineCode", "IsCostResource", "AssnOwner", "AssnOwnerGuid", "IsBudget",
    "AvailabilityPeriods", "Rates", "TimephasedData",
)

ASSIGNMENT = (
    "UID", "TaskUID", "ResourceUID", "PercentWorkComplete", "ActualCost", "ActualFinish",
    "ActualOvertimeCost", "ActualOvertimeWork", "ActualStart", "ActualWork", "ACWP",
    "Confirmed", "Cost", "CostRateTable", "CostVariance", "CV", "Delay", "Finish",
    "FinishVariance", "Hyperlink", "HyperlinkAddress", "HyperlinkSubAddress", "WorkVariance",
    "HasFixedRateUnits", "FixedMaterial", "LevelingDelay", "LevelingDelayFormat",
    "LinkedFields", "Milestone", "Notes", "Overallocated", "OvertimeCost", "OvertimeWork",
    "PeakUnits", "RegularWork", "RemainingCost", "RemainingOvertimeCost",
    "RemainingOvertimeWork", "RemainingWork", "ResponsePending", "Start", "Stop", "Resume",
    "StartVariance", "Summary", "SV", "Units", "UpdateNeeded", "VAC", "Work", "WorkContour",
    "BCWS", "BCWP", "BookingType", "ActualWorkProtected", "ActualOvertimeWorkProtected",
    "CreationDate", "AssnOwner", "AssnOwnerGuid", "BudgetCost", "BudgetWork",
    "ExtendedAttribute", "Baseline", "TimephasedData",
)

ASSIGNMENT_BASELINE = (
    "TimephasedData", "Number", "Start", "Finish", "Work", "Cost", "BCWS", "BCWP",
)
